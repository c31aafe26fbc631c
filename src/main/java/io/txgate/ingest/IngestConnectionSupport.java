package io.txgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Creates the server's connections: buffered, with a frame timeout, TLS handshake on their own thread, and no more
 * than the connection cap.
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
    private final Duration handshakeTimeout;

    IngestConnectionSupport(
            int maxConnections, IntSupplier openConnections, Duration frameTimeout, Duration handshakeTimeout) {
        this.maxConnections = maxConnections;
        this.openConnections = openConnections;
        this.frameLimitNanos = frameTimeout.toNanos();
        this.handshakeTimeout = handshakeTimeout;
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
        return new IngestConnection(
                socket,
                lookupHost,
                applicationEventPublisher,
                connectionFactoryName,
                frameLimitNanos,
                handshakeTimeout);
    }

    /**
     * A server connection that reads through one {@link FrameInputStream} for its whole life and, on a TLS socket,
     * completes the handshake before its first frame. The handshake runs on the connection's own thread (never the
     * accept loop) within its own time limit, so a client that stalls it is dropped after
     * {@code txgate.server.ssl.handshake-timeout}; a failed handshake (plain TCP on the TLS port, an unknown or
     * expired client certificate) closes the connection before anything reaches the ingest flow.
     */
    private static final class IngestConnection extends TcpNetConnection {

        private final Socket socket;
        private final SocketInfo socketInfo;
        private final long frameLimitNanos;
        private final Duration handshakeTimeout;

        // Only the connection's own reader thread touches these.
        private FrameInputStream input;
        private boolean handshakeDone;

        IngestConnection(
                Socket socket,
                boolean lookupHost,
                ApplicationEventPublisher publisher,
                String factoryName,
                long frameLimitNanos,
                Duration handshakeTimeout) {
            super(socket, true, lookupHost, publisher, factoryName);
            this.socket = socket;
            this.socketInfo = new OpenSocketInfo(socket);
            this.frameLimitNanos = frameLimitNanos;
            this.handshakeTimeout = handshakeTimeout;
            this.handshakeDone = !(socket instanceof SSLSocket);
        }

        @Override
        public Object getPayload() {
            if (!handshakeDone) {
                handshake((SSLSocket) socket);
                handshakeDone = true;
            }
            return super.getPayload();
        }

        @Override
        public SocketInfo getSocketInfo() {
            return socketInfo;
        }

        @Override
        protected InputStream inputStream() throws IOException {
            if (input == null) {
                input = new FrameInputStream(super.inputStream(), frameLimitNanos);
            }
            return input;
        }

        private void handshake(SSLSocket tls) {
            try {
                int idleTimeout = tls.getSoTimeout();
                tls.setSoTimeout(Math.toIntExact(handshakeTimeout.toMillis()));
                tls.startHandshake();
                tls.setSoTimeout(idleTimeout);
            } catch (IOException e) {
                log.warn("{} TLS handshake failed, connection closed: {}", getConnectionId(), reason(e));
                // A soft end of stream makes Spring Integration close the connection quietly: no error log, no
                // exception message into the flow.
                throw new SoftEndOfStreamException("TLS handshake failed", e);
            }
            SSLSession session = tls.getSession();
            String client = ClientIdMapper.subjectOf(session);
            log.info(
                    "{} TLS connection open: {} {}, client certificate {}",
                    getConnectionId(),
                    session.getProtocol(),
                    session.getCipherSuite(),
                    client == null ? "none" : "'" + client + "'");
        }

        /** The innermost message says what went wrong (expired, unknown CA, not TLS at all, timed out). */
        private static String reason(Throwable e) {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
            return root == e ? e.toString() : e + " (" + root + ")";
        }
    }

    /**
     * Socket details with the local address read once. Spring Integration puts it into every message's headers, and
     * on an open socket each read is a {@code getsockname} system call for a value that cannot change (about 4% of a
     * connection thread's CPU under load).
     */
    static final class OpenSocketInfo extends SocketInfo {

        private final InetAddress localAddress;

        OpenSocketInfo(Socket socket) {
            super(socket);
            this.localAddress = socket.getLocalAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return localAddress;
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
