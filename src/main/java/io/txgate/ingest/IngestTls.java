package io.txgate.ingest;

import io.txgate.ingest.IngestTlsProperties.ClientAuth;
import io.txgate.protocol.TlsVersions;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * Turns the ingest listener into a TLS listener built from a Spring Boot SSL bundle: TLS 1.2/1.3 only, optional client
 * certificates, and a handshake that runs on the connection's own thread within its own time limit.
 */
final class IngestTls {

    private static final Logger log = LoggerFactory.getLogger(IngestTls.class);

    private IngestTls() {}

    /** Leaves the factory on plain TCP when no bundle is named; fails startup on a configuration that cannot work. */
    static void configure(TcpNetServerConnectionFactory factory, IngestTlsProperties tls, SslBundles bundles) {
        if (!tls.enabled()) {
            if (tls.clientAuth() != ClientAuth.NONE) {
                throw new IllegalStateException("txgate.server.ssl.client-auth="
                        + tls.clientAuth().name().toLowerCase()
                        + " needs TLS: set txgate.server.ssl.bundle to an SSL bundle name");
            }
            return;
        }
        SslBundle bundle = bundles.getBundle(tls.bundle());
        checkStores(tls, bundle);
        SSLContext context = bundle.createSslContext();
        SSLParameters parameters = serverParameters(context, bundle, tls.clientAuth());

        factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
        factory.setTcpSocketSupport(new ServerSocketSettings(parameters));
        factory.setMapper(new ClientIdMapper());
        log.info(
                "ingest TLS on with SSL bundle '{}': {}, client certificates {}",
                tls.bundle(),
                String.join("/", parameters.getProtocols()),
                tls.clientAuth().name().toLowerCase());
    }

    private static void checkStores(IngestTlsProperties tls, SslBundle bundle) {
        if (bundle.getStores().getKeyStore() == null) {
            throw new IllegalStateException("SSL bundle '" + tls.bundle()
                    + "' has no key store: the ingest server needs its own certificate and private key");
        }
        // Without a trust store the JDK would fall back to its public CA list, and any certificate a public CA
        // signed would pass as one of our clients.
        if (tls.clientAuth() != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
            throw new IllegalStateException("SSL bundle '" + tls.bundle()
                    + "' has no trust store, but txgate.server.ssl.client-auth="
                    + tls.clientAuth().name().toLowerCase()
                    + " needs one holding the CA that signs client certificates");
        }
    }

    /** The settings every accepted socket gets; applied once to an engine here so bad settings fail at startup. */
    private static SSLParameters serverParameters(SSLContext context, SslBundle bundle, ClientAuth clientAuth) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(TlsVersions.enabled(
                bundle.getOptions().getEnabledProtocols(),
                context.getSupportedSSLParameters().getProtocols()));
        String[] ciphers = bundle.getOptions().getCiphers();
        if (ciphers != null && ciphers.length > 0) {
            parameters.setCipherSuites(ciphers);
        }
        // Host name checks are for clients checking servers; on the server side they would compare the client's
        // certificate against the client's address and refuse every terminal.
        parameters.setEndpointIdentificationAlgorithm(null);
        switch (clientAuth) {
            case NEED -> parameters.setNeedClientAuth(true);
            case WANT -> parameters.setWantClientAuth(true);
            case NONE -> parameters.setNeedClientAuth(false);
        }
        try {
            var engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setSSLParameters(parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "SSL bundle options cannot be applied: " + e.getMessage() + " (ciphers " + Arrays.toString(ciphers)
                            + ")",
                    e);
        }
        return parameters;
    }

    /**
     * Applies the settings to the listening socket and again to each accepted socket. Both run on the accept thread
     * and only set fields; no handshake byte is read there, so a slow or silent client cannot stall the listener.
     */
    private record ServerSocketSettings(SSLParameters parameters) implements TcpSocketSupport {

        @Override
        public void postProcessServerSocket(ServerSocket serverSocket) {
            ((SSLServerSocket) serverSocket).setSSLParameters(parameters);
        }

        @Override
        public void postProcessSocket(Socket socket) {
            ((SSLSocket) socket).setSSLParameters(parameters);
        }
    }
}
