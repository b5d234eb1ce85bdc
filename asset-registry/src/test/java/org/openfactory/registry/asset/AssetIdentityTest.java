package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class AssetIdentityTest {

    @Test
    void uuidV5MatchesTheKnownVectors() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        assertEquals(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"),
                UuidV5.of(UuidV5.NAMESPACE_DNS, "python.org"));
        // RFC 9562, appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
                UuidV5.of(UuidV5.NAMESPACE_DNS, "www.example.com"));
    }

    @Test
    void anAssetUuidIsVersion5InTheOpenFactoryNamespace() {
        assertEquals(UuidV5.of(UuidV5.NAMESPACE_URL, "urn:openfactory:asset"), AssetIdentity.NAMESPACE);
        // computed independently with Python's uuid module
        assertEquals(UUID.fromString("496aad0f-12b6-57eb-a29c-50df8c182339"), AssetIdentity.NAMESPACE);
        UUID tc1 = AssetIdentity.uuidOf("tc-1");
        assertEquals(UUID.fromString("d79a203d-73db-5536-8c5c-4680dfdf75ac"), tc1);
        assertEquals(5, tc1.version());
        assertEquals(2, tc1.variant());
        assertEquals(UuidV5.of(AssetIdentity.NAMESPACE, "tc-1"), tc1);
        assertEquals(tc1, AssetIdentity.uuidOf("tc-1"));
        assertNotEquals(tc1, AssetIdentity.uuidOf("tc-2"));
    }
}
