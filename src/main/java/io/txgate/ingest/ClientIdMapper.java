package io.txgate.ingest;

import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;

/**
 * Adds who sent a frame to its message: the subject of the client certificate the TLS handshake verified. Spring
 * Integration puts only addresses and the connection id into the headers, so the flow would not know otherwise.
 */
class ClientIdMapper extends TcpMessageMapper {

    /** Header with the client certificate's subject (RFC 2253 form); absent without a client certificate. */
    static final String CLIENT_ID = "txgate_clientId";

    @Override
    protected Map<String, ?> supplyCustomHeaders(TcpConnection connection) {
        String subject = subjectOf(connection.getSslSession());
        return subject == null ? null : Map.of(CLIENT_ID, subject);
    }

    /** The verified peer's subject, e.g. {@code CN=terminal-7,O=Shop}; null on plain TCP or without a certificate. */
    static String subjectOf(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
