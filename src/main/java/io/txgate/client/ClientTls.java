package io.txgate.client;

import io.txgate.protocol.TlsCipherSuites;
import io.txgate.protocol.TlsKeySizes;
import io.txgate.protocol.TlsVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * TLS for the client's connection to the ingest server, from a Spring Boot SSL bundle ({@code txgate.client.ssl.bundle}):
 * TLS 1.2/1.3 only with the server's rules for cipher suites ({@link TlsCipherSuites}) and key sizes
 * ({@link TlsKeySizes}), the server certificate checked against the host name the client dialled, as HTTPS does, and a
 * client certificate for mutual TLS when the bundle has a key store. The bundle's trust store decides which servers
 * are trusted; a bundle without one falls back to the JDK's public CAs.
 */
public final class ClientTls {

    private static final Logger log = LoggerFactory.getLogger(ClientTls.class);

    private ClientTls() {}

    /**
     * Makes {@code factory} speak TLS with the named bundle, or leaves it on plain TCP when {@code bundleName} is null
     * or blank. Call before the factory starts.
     *
     * @throws org.springframework.boot.ssl.NoSuchSslBundleException when no bundle has that name
     * @throws IllegalArgumentException when the bundle's options leave no allowed TLS version, or name a cipher suite
     *     outside {@link TlsCipherSuites}
     */
    public static void configure(TcpNetClientConnectionFactory factory, SslBundles bundles, String bundleName) {
        if (bundleName == null || bundleName.isBlank()) {
            return;
        }
        SslBundle bundle = bundles.getBundle(bundleName);
        SSLContext context = bundle.createSslContext();
        String[] ciphers;
        try {
            ciphers = TlsCipherSuites.enabled(
                    bundle.getOptions().getCiphers(),
                    context.getDefaultSSLParameters().getCipherSuites());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SSL bundle '" + bundleName + "' options.ciphers: " + e.getMessage(), e);
        }
        factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
        factory.setTcpSocketSupport(new VerifyingSocketSupport(
                TlsVersions.enabled(
                        bundle.getOptions().getEnabledProtocols(),
                        context.getSupportedSSLParameters().getProtocols()),
                ciphers));
        log.info(
                "client TLS on with SSL bundle '{}', {}",
                bundleName,
                bundle.getStores().getKeyStore() == null
                        ? "no client certificate"
                        : "client certificate for mutual TLS");
    }

    /**
     * Applied to each new client socket right after it connected. It finishes the handshake there, within the
     * factory's socket timeout, so a server that is not who it should be fails the connection attempt with the reason
     * (for instance "No subject alternative names matching IP address ... found"). Left to Spring Integration, the
     * handshake would start with whichever of the reading thread and the first send comes first, and the send would
     * often fail with just "Socket closed".
     */
    private record VerifyingSocketSupport(String[] protocols, String[] ciphers) implements TcpSocketSupport {

        @Override
        public void postProcessServerSocket(ServerSocket serverSocket) {
            // client side only
        }

        @Override
        public void postProcessSocket(Socket socket) {
            var sslSocket = (SSLSocket) socket;
            // Start from the socket's own parameters: they carry the SNI name taken from the host we connected to.
            SSLParameters parameters = sslSocket.getSSLParameters();
            parameters.setProtocols(protocols);
            parameters.setCipherSuites(ciphers);
            // A server certificate with a key below 2048-bit RSA / 256-bit EC fails the handshake.
            parameters.setAlgorithmConstraints(TlsKeySizes.INSTANCE);
            // "HTTPS" is the RFC 2818 host check: the dialled name or IP must be in the certificate's SAN.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            sslSocket.setSSLParameters(parameters);
            try {
                sslSocket.startHandshake();
            } catch (IOException e) {
                closeQuietly(sslSocket, e);
                throw new UncheckedIOException("TLS handshake with " + socket.getRemoteSocketAddress() + " failed", e);
            }
        }

        /** Spring Integration only closes sockets it has wrapped in a connection; this one never got that far. */
        private static void closeQuietly(Socket socket, IOException cause) {
            try {
                socket.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
