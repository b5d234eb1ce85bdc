package org.openfactory.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;

/** The assets CLI against a real broker: one registry, used in order like an operator would. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetsCliTest {

    @TempDir
    static Path work;

    static KafkaBroker kafka;
    static Path assets;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.startOnFreePorts(work.resolve("kafka"));
        assets = Files.createDirectories(work.resolve("assets"));
        Files.copy(Path.of("..", "examples", "assets", "tc-1.yaml"), assets.resolve("tc-1.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    @Order(1)
    void planShowsTheRegistrationAndChangesNothing() {
        Run plan = run("plan", assets.toString());
        assertEquals(AssetsCli.OK, plan.code, plan.err);
        assertTrue(plan.out.contains("+ register tc-1 (acme/plant1/utilities/line1/cell1/tc-1)"), plan.out);
        assertTrue(plan.out.contains("Plan only: nothing was applied."), plan.out);
        assertTrue(run("list").out.contains("0 asset(s)"), "plan must not register anything");
    }

    @Test
    @Order(2)
    void applyRegistersAndASecondApplyChangesNothing() {
        Run apply = run("apply", assets.toString());
        assertEquals(AssetsCli.OK, apply.code, apply.err);
        assertTrue(apply.out.contains("Applied 1 change(s) to openfactory.registry."), apply.out);

        Run again = run("apply", assets.toString());
        assertEquals(AssetsCli.OK, again.code, again.err);
        assertTrue(again.out.contains("= 1 unchanged"), again.out);
        assertTrue(again.out.contains("Applied 0 change(s)"), again.out);
        assertTrue(run("list").out.contains("1 asset(s)"));
    }

    @Test
    @Order(3)
    void aChangedFileEmitsOnlyTheDifference() throws IOException {
        Path file = assets.resolve("tc-1.yaml");
        Files.writeString(file, Files.readString(file).replace("units: CELSIUS", "units: KELVIN"));
        Run plan = run("plan", assets.toString());
        assertTrue(plan.out.contains("~ update tc-1: "), plan.out);
        assertTrue(plan.out.contains("units"), plan.out);
        assertEquals(AssetsCli.OK, run("apply", assets.toString()).code);
        Run inspect = run("inspect", "tc-1");
        assertTrue(inspect.out.contains("revision:     2"), inspect.out);
        assertTrue(inspect.out.contains("KELVIN"), inspect.out);
    }

    @Test
    @Order(4)
    void aRejectedFolderChangesNothingAndNamesFileLineAndField() throws IOException {
        Path bad = Files.writeString(assets.resolve("bad.yaml"), Files.readString(assets.resolve("tc-1.yaml"))
                .replace("id: tc-1\n", "id: tc-2\n").replace("cell1/tc-1", "cell1/tc-2")
                .replace("valueType: DOUBLE", "valueType: REAL"));
        Run apply = run("apply", assets.toString());
        assertEquals(AssetsCli.REJECTED, apply.code);
        assertTrue(apply.err.contains(bad + ":"), apply.err);
        assertTrue(apply.err.contains("valueType"), apply.err);
        assertTrue(apply.err.contains("Nothing was applied."), apply.err);
        assertFalse(run("list").out.contains("tc-2"), "the valid file of the folder was not applied either");
        Files.delete(bad);
    }

    @Test
    @Order(5)
    void inspectShowsTheDeterministicIdentity() {
        Run inspect = run("inspect", "tc-1");
        assertEquals(AssetsCli.OK, inspect.code, inspect.err);
        assertTrue(inspect.out.contains("status:       ACTIVE"), inspect.out);
        assertTrue(inspect.out.matches("(?s).*uuid:\\s+[0-9a-f-]{36}.*"), inspect.out);
        assertEquals(AssetsCli.REJECTED, run("inspect", "no-such-asset").code);
    }

    @Test
    @Order(6)
    void retireRemovesTheAssetFromTheListAndKeepsItsHistory() {
        Run retire = run("retire", "tc-1", "--reason", "decommissioned");
        assertEquals(AssetsCli.OK, retire.code, retire.err);
        assertTrue(run("list").out.contains("0 asset(s)"));
        assertTrue(run("inspect", "tc-1").out.contains("status:       RETIRED"));
        assertEquals(AssetsCli.REJECTED, run("retire", "tc-1").code, "retiring twice is refused");
    }

    @Test
    @Order(7)
    void badCommandLinesAreUsageErrors() {
        assertEquals(AssetsCli.USAGE, run("frobnicate").code);
        assertEquals(AssetsCli.USAGE, run("apply").code);
        Run unknown = run("list", "--colour", "red");
        assertEquals(AssetsCli.USAGE, unknown.code);
        assertTrue(unknown.err.contains("unknown option --colour"), unknown.err);
    }

    private static Run run(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--bootstrap-servers";
        full[args.length + 1] = kafka.bootstrapServers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AssetsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(full);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
