package org.openfactory.simulator.opcua;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.SessionListener;
import org.eclipse.milo.opcua.sdk.server.SessionManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Closes a server's sessions and waits until Milo has finished its per-session bookkeeping (session diagnostics
 * nodes, built and removed on a background queue). Shutting the address space down while that queue still works
 * makes Milo log errors, so {@link TemperatureControllerServer#close()} drains sessions first.
 *
 * <p>Must be registered before the port opens: it counts every session Milo reports.
 */
final class SessionDrain implements SessionListener {

    private final Set<NodeId> created = ConcurrentHashMap.newKeySet();
    private final Set<NodeId> closed = ConcurrentHashMap.newKeySet();
    private final SessionManager sessions;
    private final LongAdder sessionsOpenedByServer;

    /** Registers after Milo's own listeners, so our notification for a session comes after theirs. */
    SessionDrain(OpcUaServer server) {
        this.sessions = server.getSessionManager();
        this.sessionsOpenedByServer = server.getDiagnosticsSummary().getCumulatedSessionCount();
        sessions.addSessionListener(this);
    }

    @Override
    public synchronized void onSessionCreated(Session session) {
        created.add(session.getSessionId());
        notifyAll();
    }

    @Override
    public synchronized void onSessionClosed(Session session) {
        closed.add(session.getSessionId());
        notifyAll();
    }

    /**
     * Closes all sessions and waits, at most {@code timeout}, until Milo has processed every session's opening and
     * closing. Call once no client can connect any more. A session still being opened cannot be closed and uses up
     * the timeout.
     */
    synchronized void closeAllAndAwait(Duration timeout) throws InterruptedException {
        sessions.getAllSessions().forEach(s -> sessions.killSession(s.getSessionId(), true));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (created.size() < sessionsOpenedByServer.sum() || !closed.containsAll(created)) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                break;
            }
            wait(leftMillis);
        }
        sessions.removeSessionListener(this);
    }
}
