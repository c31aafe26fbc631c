package io.txgate.ingest;

import io.txgate.ingest.IngestTlsProperties.ClientAuth;
import io.txgate.protocol.TlsCipherSuites;
import io.txgate.protocol.TlsKeySizes;
import io.txgate.protocol.TlsVersions;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
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
 * The ingest listeners' TLS, built once from a Spring Boot SSL bundle and applied to each listener: TLS 1.2/1.3 only,
 * on TLS 1.2 only AEAD suites with forward secrecy ({@link TlsCipherSuites}), no key below 2048-bit RSA or 256-bit EC
 * ({@link TlsKeySizes}, client certificates included), no renegotiation started by a client
 * ({@link ClientRenegotiationRefusal}), optional client certificates, and a handshake that runs on the connection's
 * own thread within its own time limit.
 */
final class IngestTls {

    private static final Logger log = LoggerFactory.getLogger(IngestTls.class);

    private final SSLContext context;
    private final SSLParameters parameters;
    private final String description;

    private IngestTls(SSLContext context, SSLParameters parameters, String description) {
        this.context = context;
        this.parameters = parameters;
        this.description = description;
    }

    /**
     * The TLS of the configured bundle, or null for plain TCP when no bundle is named; fails startup on a
     * configuration that cannot work.
     */
    static IngestTls of(IngestTlsProperties tls, SslBundles bundles) {
        if (!tls.enabled()) {
            if (tls.clientAuth() != ClientAuth.NONE) {
                throw new IllegalStateException("txgate.server.ssl.client-auth="
                        + tls.clientAuth().name().toLowerCase()
                        + " needs TLS: set txgate.server.ssl.bundle to an SSL bundle name");
            }
            return null;
        }
        ClientRenegotiationRefusal.apply();
        String renegotiation = System.getProperty(ClientRenegotiationRefusal.PROPERTY);
        if (!"true".equalsIgnoreCase(renegotiation)) {
            log.warn(
                    "-D{}={}: TLS 1.2 clients may renegotiate, each time costing the server a full handshake",
                    ClientRenegotiationRefusal.PROPERTY,
                    renegotiation);
        }
        SslBundle bundle = bundles.getBundle(tls.bundle());
        checkStores(tls, bundle);
        SSLContext context = bundle.createSslContext();
        SSLParameters parameters = serverParameters(context, bundle, tls);
        String description =
                "TLS with SSL bundle '" + tls.bundle() + "': " + String.join("/", parameters.getProtocols())
                        + ", client certificates " + tls.clientAuth().name().toLowerCase();
        log.info("ingest {}", description);
        return new IngestTls(context, parameters, description);
    }

    /** Makes {@code factory} listen with TLS; call before it starts. */
    void applyTo(TcpNetServerConnectionFactory factory) {
        factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
        factory.setTcpSocketSupport(new ServerSocketSettings(parameters));
        factory.setMapper(new ClientIdMapper());
    }

    /** Bundle, versions and client-certificate mode, for the start-up log. */
    String description() {
        return description;
    }

    private static void checkStores(IngestTlsProperties tls, SslBundle bundle) {
        KeyStore keyStore = bundle.getStores().getKeyStore();
        if (keyStore == null) {
            throw new IllegalStateException("SSL bundle '" + tls.bundle()
                    + "' has no key store: the ingest server needs its own certificate and private key");
        }
        checkKeySizes(tls, keyStore);
        // Without a trust store the JDK would fall back to its public CA list, and any certificate a public CA
        // signed would pass as one of our clients.
        if (tls.clientAuth() != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
            throw new IllegalStateException("SSL bundle '" + tls.bundle()
                    + "' has no trust store, but txgate.server.ssl.client-auth="
                    + tls.clientAuth().name().toLowerCase()
                    + " needs one holding the CA that signs client certificates");
        }
    }

    /** The JDK would only find out in the first handshake, and then report "no cipher suites in common". */
    private static void checkKeySizes(IngestTlsProperties tls, KeyStore keyStore) {
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                Certificate certificate = keyStore.getCertificate(alias);
                if (keyStore.isKeyEntry(alias)
                        && certificate != null
                        && !TlsKeySizes.strongEnough(certificate.getPublicKey())) {
                    throw new IllegalStateException("SSL bundle '" + tls.bundle() + "': the key '" + alias + "' is "
                            + TlsKeySizes.describe(certificate.getPublicKey()) + "; txgate needs at least RSA "
                            + TlsKeySizes.MIN_RSA_BITS + " or EC " + TlsKeySizes.MIN_EC_BITS + " bits");
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SSL bundle '" + tls.bundle() + "': cannot read its key store: " + e, e);
        }
    }

    /** The settings every accepted socket gets; applied once to an engine here so bad settings fail at startup. */
    private static SSLParameters serverParameters(SSLContext context, SslBundle bundle, IngestTlsProperties tls) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(TlsVersions.enabled(
                bundle.getOptions().getEnabledProtocols(),
                context.getSupportedSSLParameters().getProtocols()));
        try {
            parameters.setCipherSuites(
                    TlsCipherSuites.enabled(bundle.getOptions().getCiphers(), parameters.getCipherSuites()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SSL bundle '" + tls.bundle() + "' options.ciphers: " + e.getMessage(), e);
        }
        parameters.setAlgorithmConstraints(TlsKeySizes.INSTANCE);
        // Host name checks are for clients checking servers; on the server side they would compare the client's
        // certificate against the client's address and refuse every terminal.
        parameters.setEndpointIdentificationAlgorithm(null);
        switch (tls.clientAuth()) {
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
                    "SSL bundle '" + tls.bundle() + "' options cannot be applied: " + e.getMessage(), e);
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
