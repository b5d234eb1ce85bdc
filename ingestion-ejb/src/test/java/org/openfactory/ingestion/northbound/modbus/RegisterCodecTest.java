package org.openfactory.ingestion.northbound.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.registry.asset.ModbusSource.Order.BIG_ENDIAN;
import static org.openfactory.registry.asset.ModbusSource.Order.LITTLE_ENDIAN;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openfactory.registry.asset.ModbusSource.DataType;
import org.openfactory.registry.asset.ModbusSource.Order;

class RegisterCodecTest {

    /** A value and its registers as a device with that byte and word order sends them; all bytes distinct. */
    record Case(DataType type, Order byteOrder, Order wordOrder, Number value, int... words) {
        @Override
        public String toString() {
            return type + " bytes " + byteOrder + " words " + wordOrder;
        }
    }

    static Stream<Case> cases() {
        double pi = Math.PI; // 0x400921FB54442D18
        double float32 = 123.456f; // 0x42F6E979
        return Stream.of(
                new Case(DataType.INT16, BIG_ENDIAN, BIG_ENDIAN, -12345L, 0xCFC7),
                new Case(DataType.INT16, BIG_ENDIAN, LITTLE_ENDIAN, -12345L, 0xCFC7),
                new Case(DataType.INT16, LITTLE_ENDIAN, BIG_ENDIAN, -12345L, 0xC7CF),
                new Case(DataType.INT16, LITTLE_ENDIAN, LITTLE_ENDIAN, -12345L, 0xC7CF),
                new Case(DataType.UINT16, BIG_ENDIAN, BIG_ENDIAN, 51234L, 0xC822),
                new Case(DataType.UINT16, BIG_ENDIAN, LITTLE_ENDIAN, 51234L, 0xC822),
                new Case(DataType.UINT16, LITTLE_ENDIAN, BIG_ENDIAN, 51234L, 0x22C8),
                new Case(DataType.UINT16, LITTLE_ENDIAN, LITTLE_ENDIAN, 51234L, 0x22C8),
                new Case(DataType.INT32, BIG_ENDIAN, BIG_ENDIAN, -123456789L, 0xF8A4, 0x32EB),
                new Case(DataType.INT32, BIG_ENDIAN, LITTLE_ENDIAN, -123456789L, 0x32EB, 0xF8A4),
                new Case(DataType.INT32, LITTLE_ENDIAN, BIG_ENDIAN, -123456789L, 0xA4F8, 0xEB32),
                new Case(DataType.INT32, LITTLE_ENDIAN, LITTLE_ENDIAN, -123456789L, 0xEB32, 0xA4F8),
                new Case(DataType.UINT32, BIG_ENDIAN, BIG_ENDIAN, 4_000_000_000L, 0xEE6B, 0x2800),
                new Case(DataType.UINT32, BIG_ENDIAN, LITTLE_ENDIAN, 4_000_000_000L, 0x2800, 0xEE6B),
                new Case(DataType.UINT32, LITTLE_ENDIAN, BIG_ENDIAN, 4_000_000_000L, 0x6BEE, 0x0028),
                new Case(DataType.UINT32, LITTLE_ENDIAN, LITTLE_ENDIAN, 4_000_000_000L, 0x0028, 0x6BEE),
                new Case(DataType.FLOAT32, BIG_ENDIAN, BIG_ENDIAN, float32, 0x42F6, 0xE979),
                new Case(DataType.FLOAT32, BIG_ENDIAN, LITTLE_ENDIAN, float32, 0xE979, 0x42F6),
                new Case(DataType.FLOAT32, LITTLE_ENDIAN, BIG_ENDIAN, float32, 0xF642, 0x79E9),
                new Case(DataType.FLOAT32, LITTLE_ENDIAN, LITTLE_ENDIAN, float32, 0x79E9, 0xF642),
                new Case(DataType.FLOAT64, BIG_ENDIAN, BIG_ENDIAN, pi, 0x4009, 0x21FB, 0x5444, 0x2D18),
                new Case(DataType.FLOAT64, BIG_ENDIAN, LITTLE_ENDIAN, pi, 0x2D18, 0x5444, 0x21FB, 0x4009),
                new Case(DataType.FLOAT64, LITTLE_ENDIAN, BIG_ENDIAN, pi, 0x0940, 0xFB21, 0x4454, 0x182D),
                new Case(DataType.FLOAT64, LITTLE_ENDIAN, LITTLE_ENDIAN, pi, 0x182D, 0x4454, 0xFB21, 0x0940));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes(Case c) {
        assertEquals(c.value(), RegisterCodec.decode(c.words(), 0, c.type(), c.byteOrder(), c.wordOrder()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodes(Case c) {
        assertArrayEquals(c.words(), RegisterCodec.encode(c.value(), c.type(), c.byteOrder(), c.wordOrder()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesAtAnOffsetInsideALongerRead(Case c) {
        int[] block = new int[c.words().length + 3];
        Arrays.fill(block, 0xAAAA);
        System.arraycopy(c.words(), 0, block, 2, c.words().length);
        assertEquals(c.value(), RegisterCodec.decode(block, 2, c.type(), c.byteOrder(), c.wordOrder()));
    }

    @Test
    void everyRegisterTypeAndOrderIsCovered() {
        Set<String> covered = cases().map(Case::toString).collect(Collectors.toSet());
        for (DataType type : EnumSet.complementOf(EnumSet.of(DataType.BOOL))) {
            for (Order bytes : Order.values()) {
                for (Order words : Order.values()) {
                    assertTrue(covered.contains(new Case(type, bytes, words, 0L).toString()), type + " " + bytes
                            + " " + words);
                }
            }
        }
    }

    @Test
    void theExtremesOfEachIntegerTypeRoundTrip() {
        for (DataType type : new DataType[] {DataType.INT16, DataType.UINT16, DataType.INT32, DataType.UINT32}) {
            for (long raw : new long[] {(long) RegisterCodec.minRaw(type), (long) RegisterCodec.maxRaw(type), 0L}) {
                int[] words = RegisterCodec.encode(raw, type, BIG_ENDIAN, BIG_ENDIAN);
                assertEquals(raw, RegisterCodec.decode(words, 0, type, BIG_ENDIAN, BIG_ENDIAN), type + " " + raw);
                for (int word : words) {
                    assertTrue(word >= 0 && word <= 0xFFFF, "registers are 16-bit: " + word);
                }
            }
        }
    }

    @Test
    void nonFiniteFloatsDecodeAsTheyAre() {
        assertEquals(Double.NaN, RegisterCodec.decode(new int[] {0x7FC0, 0x0000}, 0, DataType.FLOAT32, BIG_ENDIAN,
                BIG_ENDIAN));
        assertEquals(Double.POSITIVE_INFINITY, RegisterCodec.decode(new int[] {0x7F80, 0x0000}, 0, DataType.FLOAT32,
                BIG_ENDIAN, BIG_ENDIAN));
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(65536L, DataType.UINT16, BIG_ENDIAN, BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(-1L, DataType.UINT32, BIG_ENDIAN, BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(32768L, DataType.INT16, BIG_ENDIAN, BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(1.5, DataType.INT32, BIG_ENDIAN, BIG_ENDIAN), "integers take integers");
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(1e39, DataType.FLOAT32, BIG_ENDIAN, BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(Double.NaN, DataType.FLOAT64, BIG_ENDIAN, BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.encode(1L, DataType.BOOL, BIG_ENDIAN, BIG_ENDIAN));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterCodec.decode(new int[] {1}, 0, DataType.INT32, BIG_ENDIAN, BIG_ENDIAN),
                "too few registers");
    }
}
