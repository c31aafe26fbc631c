package io.txgate.client;

import io.txgate.RootCause;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Says why a batch could not be delivered in words an operator can act on, naming the setting to look at: a TLS alert
 * from the server about our certificate is a refused client certificate, not the "Broken pipe" or "Socket is closed"
 * that the write may have met first (ClientConnection keeps the alert for that case).
 */
final class TransportFailures {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");

    /** TLS alerts a server sends when it does not accept, or did not get, the client's certificate. */
    private static final Set<String> CERTIFICATE_ALERTS = Set.of(
            "bad_certificate",
            "certificate_required",
            "certificate_unknown",
            "certificate_expired",
            "certificate_revoked",
            "unsupported_certificate",
            "unknown_ca",
            "access_denied");

    private final String bundle;
    private final boolean clientCertificate;
    private final String replyTimeout;

    /**
     * @param bundle the SSL bundle of {@code txgate.client.ssl.bundle}, empty for plain TCP
     * @param clientCertificate whether that bundle has a key store, i.e. the client presents a certificate
     * @param replyTimeout the reply timeout as configured, for the message
     */
    TransportFailures(String bundle, boolean clientCertificate, String replyTimeout) {
        this.bundle = bundle == null ? "" : bundle;
        this.clientCertificate = clientCertificate;
        this.replyTimeout = replyTimeout;
    }

    String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MessageTimeoutException) {
                return "no reply within txgate.client.reply-timeout (" + replyTimeout + ")";
            }
            if (cause instanceof SSLException && cause.getMessage() != null) {
                Matcher alert = ALERT.matcher(cause.getMessage());
                if (alert.find()) {
                    return refusedByServer(alert.group(1));
                }
            }
            if (cause instanceof CertificateException) {
                return "this client did not accept the server's certificate: " + cause.getMessage()
                        + " (check the trust store of SSL bundle '" + bundle + "', txgate.client.ssl.bundle, and the"
                        + " host name the client dials)";
            }
        }
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        if (root instanceof ConnectException) {
            return "connection refused (nothing listens on that port, or a firewall refuses)";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (root instanceof SocketTimeoutException
                && String.valueOf(root.getMessage()).contains("connect")) {
            return "no answer to the connection attempt within the connect timeout";
        }
        if (root instanceof SoftEndOfStreamException
                || (root instanceof SerializationFailedException && root.getCause() == null)) {
            return "the server closed the connection";
        }
        return RootCause.describe(failure);
    }

    private String refusedByServer(String alert) {
        if (CERTIFICATE_ALERTS.contains(alert)) {
            if (bundle.isEmpty()) {
                return "the server refused the connection with TLS alert " + alert
                        + ": it wants a client certificate, and txgate.client.ssl.bundle is not set";
            }
            if (!clientCertificate) {
                return "the server requires a client certificate (TLS alert " + alert + ") and SSL bundle '" + bundle
                        + "' (txgate.client.ssl.bundle) has no key store holding one";
            }
            return "the server refused this client's certificate (TLS alert " + alert + "): the key store of SSL"
                    + " bundle '" + bundle + "' (txgate.client.ssl.bundle) holds a certificate the server does not"
                    + " accept (signed by a CA it does not trust, expired or revoked)";
        }
        return "the server refused the TLS handshake (TLS alert " + alert + "): compare SSL bundle '" + bundle
                + "' (txgate.client.ssl.bundle) with the server's TLS settings (versions, ciphers, certificates)";
    }
}
