package io.txgate.ingest;

import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * Creates the server's connections ({@link IngestConnection}), within the connection caps.
 *
 * <p>Each open connection holds a thread, so the caps are what keep a flood of connections from exhausting the
 * server: {@code max-connections} in all, and {@code max-connections-per-address} from one source address, so that one
 * client cannot take every slot and lock the other terminals out. A connection over a cap is closed right after
 * accept (a clean FIN and no reply frame, since it sent no request); the client's reconnect is served once a slot
 * frees. Runs on the accept thread: it only counts and constructs, it never reads.
 */
class IngestConnectionSupport extends DefaultTcpNetConnectionSupport {

    private static final Logger log = LoggerFactory.getLogger(IngestConnectionSupport.class);

    private final ConnectionLimits limits;
    private final OpenConnections openConnections;
    private final MemoryBudget budget;
    private final ConnectionWatchdog watchdog;
    private final ClientEventLog events;
    private final ConnectionActivity activity;

    IngestConnectionSupport(
            ConnectionLimits limits,
            OpenConnections openConnections,
            MemoryBudget budget,
            ConnectionWatchdog watchdog,
            ClientEventLog events,
            ConnectionActivity activity) {
        this.limits = limits;
        this.openConnections = openConnections;
        this.budget = budget;
        this.watchdog = watchdog;
        this.events = events;
        this.activity = activity;
    }

    /** Counts the open connections, in all and from one address. */
    interface OpenConnections {

        int total();

        /** Open connections from {@code hostAddress}, as {@link java.net.InetAddress#getHostAddress()} writes it. */
        int from(String hostAddress);
    }

    @Override
    public TcpNetConnection createNewConnection(
            Socket socket,
            boolean server,
            boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher,
            String connectionFactoryName) {
        String address = socket.getInetAddress().getHostAddress();
        int open = openConnections.total();
        if (open >= limits.maxConnections()) {
            events.info(
                    log,
                    "refusing connection from {}:{}: {} connections open, at most {} allowed"
                            + " (txgate.server.max-connections)",
                    address,
                    socket.getPort(),
                    open,
                    limits.maxConnections());
            return new RefusedConnection(socket, applicationEventPublisher, connectionFactoryName);
        }
        int fromAddress = openConnections.from(address);
        if (fromAddress >= limits.maxConnectionsPerAddress()) {
            events.info(
                    log,
                    "refusing connection from {}:{}: {} connections open from this address, at most {} allowed"
                            + " (txgate.server.max-connections-per-address)",
                    address,
                    socket.getPort(),
                    fromAddress,
                    limits.maxConnectionsPerAddress());
            return new RefusedConnection(socket, applicationEventPublisher, connectionFactoryName);
        }
        return new IngestConnection(
                socket,
                lookupHost,
                applicationEventPublisher,
                connectionFactoryName,
                limits,
                budget,
                watchdog,
                events,
                activity);
    }

    /** A connection that closes itself instead of reading. */
    private static final class RefusedConnection extends TcpNetConnection {

        RefusedConnection(Socket socket, ApplicationEventPublisher publisher, String factoryName) {
            super(socket, true, false, publisher, factoryName);
        }

        @Override
        public void run() {
            close();
        }
    }
}
