package io.txgate.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one WARN line each time the client starts sending to another of its servers ({@code txgate.client.servers}):
 * from which, to which, and why it left the first. Spring Integration's failover factory switches silently.
 *
 * <p>The client means to send to the first server, so a first connection to any other one is a switch as well. The
 * reason is the last failure seen on the server it left: a refused connection attempt or the connection lost.
 */
final class ServerSwitchLog {

    private static final Logger log = LoggerFactory.getLogger(ServerSwitchLog.class);

    private final TransportFailures failures;
    private final Map<ServerAddress, String> lastFailure = new ConcurrentHashMap<>();
    private volatile ServerAddress current;

    ServerSwitchLog(List<ServerAddress> servers, TransportFailures failures) {
        this.failures = failures;
        this.current = servers.get(0);
    }

    /** A connection attempt to {@code server} failed, or its connection was lost. */
    void failed(ServerAddress server, Throwable failure) {
        lastFailure.put(server, failures.describe(failure));
    }

    /** The client has a connection to {@code server}. */
    void connected(ServerAddress server) {
        ServerAddress previous = current;
        if (server.equals(previous)) {
            return;
        }
        synchronized (this) {
            if (!server.equals(current)) {
                log.warn(
                        "client switched from server {} to {}: {}",
                        current,
                        server,
                        current + ": " + lastFailure.getOrDefault(current, "its connection failed"));
                current = server;
            }
        }
    }

    ServerAddress current() {
        return current;
    }
}
