package org.openfactory.registry.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.value.Value;

class CommandHistoryTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final CommandIssued ISSUED = new CommandIssued("c-1", "tc-1", "setpoint",
            List.of(new Value.Number(80)), "alice", T, T.plusSeconds(30));

    @Test
    void aCommandCollectsItsResultsInOrderAndHasAnOutcomeOnceFinal() {
        CommandHistory history = new CommandHistory();
        history.issued(ISSUED);
        history.resulted(new CommandAccepted("c-1", "tc-1", "setpoint", T.plusMillis(5)));
        assertTrue(history.find("c-1").orElseThrow().outcome().isEmpty());
        CommandCompleted completed = new CommandCompleted("c-1", "tc-1", "setpoint", List.of(), T.plusMillis(9));
        history.resulted(completed);
        CommandHistory.CommandRecord record = history.find("c-1").orElseThrow();
        assertEquals(ISSUED, record.issued());
        assertEquals(2, record.results().size());
        assertEquals(completed, record.outcome().orElseThrow());
    }

    @Test
    void resultsMayArriveBeforeTheCommandAndRedeliveriesCountOnce() {
        CommandHistory history = new CommandHistory();
        CommandAccepted accepted = new CommandAccepted("c-1", "tc-1", "setpoint", T);
        history.resulted(accepted);
        history.resulted(accepted);
        history.issued(ISSUED);
        history.issued(ISSUED);
        CommandHistory.CommandRecord record = history.find("c-1").orElseThrow();
        assertEquals(ISSUED, record.issued());
        assertEquals(List.of(accepted), record.results());
        assertTrue(history.find("c-2").isEmpty());
    }
}
