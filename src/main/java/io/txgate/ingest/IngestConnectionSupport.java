package io.txgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * Creates the server's connections: buffered, with a frame timeout, and no more than the connection cap.
 *
 * <p>Each open connection holds a thread, so the cap is what keeps a flood of connections from exhausting the
 * server. A connection over the cap is closed right after accept (a clean FIN and no reply frame, since it sent no
 * request); the client's reconnect is served once a slot frees.
 */
class IngestConnectionSupport extends DefaultTcpNetConnectionSupport {

    private static final Logger log = LoggerFactory.getLogger(IngestConnectionSupport.class);

    private final int maxConnections;
    private final IntSupplier openConnections;
    private final long frameLimitNanos;

    IngestConnectionSupport(int maxConnections, IntSupplier openConnections, Duration frameTimeout) {
        this.maxConnections = maxConnections;
        this.openConnections = openConnections;
        this.frameLimitNanos = frameTimeout.toNanos();
    }

    @Override
    public TcpNetConnection createNewConnection(
            Socket socket,
            boolean server,
            boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher,
            String connectionFactoryName) {
        int open = openConnections.getAsInt();
        if (open >= maxConnections) {
            log.info(
                    "refusing connection from {}:{}: {} connections open, at most {} allowed (txgate.server.max-connections)",
                    socket.getInetAddress().getHostAddress(),
                    socket.getPort(),
                    open,
                    maxConnections);
            return new RefusedConnection(socket, applicationEventPublisher, connectionFactoryName);
        }
        return new BufferedConnection(
                socket, lookupHost, applicationEventPublisher, connectionFactoryName, frameLimitNanos);
    }

    /** A server connection reading through one {@link FrameInputStream} for its whole life. */
    private static final class BufferedConnection extends TcpNetConnection {

        private final long frameLimitNanos;
        private FrameInputStream input;

        BufferedConnection(
                Socket socket,
                boolean lookupHost,
                ApplicationEventPublisher publisher,
                String factoryName,
                long frameLimitNanos) {
            super(socket, true, lookupHost, publisher, factoryName);
            this.frameLimitNanos = frameLimitNanos;
        }

        @Override
        protected InputStream inputStream() throws IOException {
            // Only the connection's own reader thread calls this.
            if (input == null) {
                input = new FrameInputStream(super.inputStream(), frameLimitNanos);
            }
            return input;
        }
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
