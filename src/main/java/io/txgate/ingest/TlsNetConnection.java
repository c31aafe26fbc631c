package io.txgate.ingest;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A server connection that completes the TLS handshake before it reads the first frame. The handshake runs on the
 * connection's own thread (never the accept loop) and has its own time limit, so a client that stalls it is dropped
 * after {@code txgate.server.ssl.handshake-timeout}. A failed handshake (plain TCP on the TLS port, an unknown or
 * expired client certificate) closes the connection before anything reaches the ingest flow.
 */
class TlsNetConnection extends TcpNetConnection {

    private static final Logger log = LoggerFactory.getLogger(TlsNetConnection.class);

    private final SSLSocket socket;
    private final int handshakeTimeoutMillis;

    /** Only the connection's reading thread touches this. */
    private boolean handshakeDone;

    TlsNetConnection(
            Socket socket,
            boolean lookupHost,
            ApplicationEventPublisher publisher,
            String factoryName,
            Duration handshakeTimeout) {
        super(socket, true, lookupHost, publisher, factoryName);
        this.socket = (SSLSocket) socket;
        this.handshakeTimeoutMillis = Math.toIntExact(handshakeTimeout.toMillis());
    }

    @Override
    public Object getPayload() {
        if (!handshakeDone) {
            handshake();
            handshakeDone = true;
        }
        return super.getPayload();
    }

    private void handshake() {
        try {
            int idleTimeout = socket.getSoTimeout();
            socket.setSoTimeout(handshakeTimeoutMillis);
            socket.startHandshake();
            socket.setSoTimeout(idleTimeout);
        } catch (IOException e) {
            log.warn("{} TLS handshake failed, connection closed: {}", getConnectionId(), reason(e));
            // A soft end of stream makes Spring Integration close the connection quietly: no error log, no
            // exception message into the flow.
            throw new SoftEndOfStreamException("TLS handshake failed", e);
        }
        SSLSession session = socket.getSession();
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
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (" + root + ")";
    }
}
