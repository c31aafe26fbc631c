package io.txgate.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throwaway PKI for TLS tests, issued in memory on first use and written to a temporary folder as PKCS12 key stores
 * (password {@value #PASSWORD}) and a PEM CA certificate: a test CA, server certificates, and client certificates
 * that are trusted, signed by another CA, or expired. No private key lives in the repository.
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";

    /** Subject of {@link Store#CLIENT} as the server reports it (RFC 2253). */
    public static final String CLIENT_SUBJECT = "CN=terminal-7,O=txgate test";

    /** Subject of {@link Store#CLIENT_OTHER} as the server reports it (RFC 2253). */
    public static final String OTHER_CLIENT_SUBJECT = "CN=terminal-8,O=txgate test";

    /** The files this PKI writes. */
    public enum Store {
        /** Server key and certificate for localhost and 127.0.0.1, signed by the test CA. */
        SERVER("server.p12"),
        /** Server key and certificate only for other.example, signed by the test CA. */
        SERVER_OTHER_NAME("server-other-name.p12"),
        /** Client key and certificate {@value #CLIENT_SUBJECT}, signed by the test CA. */
        CLIENT("client.p12"),
        /** Another client's key and certificate {@value #OTHER_CLIENT_SUBJECT}, signed by the test CA. */
        CLIENT_OTHER("client-other.p12"),
        /** Client key and certificate signed by a CA the server does not trust. */
        CLIENT_UNTRUSTED("client-untrusted.p12"),
        /** Client key and a certificate from the test CA that expired yesterday. */
        CLIENT_EXPIRED("client-expired.p12"),
        /** Client key of RSA 1024 bits (too weak for txgate) with a certificate from the test CA. */
        CLIENT_RSA_1024("client-rsa-1024.p12"),
        /** Client key of RSA 2048 bits (the smallest txgate takes) with a certificate from the test CA. */
        CLIENT_RSA_2048("client-rsa-2048.p12"),
        /** Trust store holding only the test CA's certificate. */
        TRUST("truststore.p12"),
        /** The test CA's certificate in PEM form. */
        CA_PEM("ca.pem");

        private final String fileName;

        Store(String fileName) {
            this.fileName = fileName;
        }
    }

    private static TestPki instance;

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    private TestPki(Path dir) throws GeneralSecurityException, IOException, OperatorCreationException {
        this.dir = dir;
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofHours(1));
        Instant to = now.plus(Duration.ofDays(2));

        KeyPair caKeys = keyPair();
        X500Name caName = name("CN=txgate test CA");
        X509Certificate ca = issue(caName, caKeys, caName, caKeys, from, to, Role.CA, null);
        KeyPair otherCaKeys = keyPair();
        X500Name otherCaName = name("CN=some other CA");
        X509Certificate otherCa = issue(otherCaName, otherCaKeys, otherCaName, otherCaKeys, from, to, Role.CA, null);

        leaf(Store.SERVER, "CN=localhost", ca, caKeys, from, to, Role.SERVER, names("localhost", "127.0.0.1"));
        leaf(Store.SERVER_OTHER_NAME, "CN=other.example", ca, caKeys, from, to, Role.SERVER, names("other.example"));
        leaf(Store.CLIENT, "CN=terminal-7, O=txgate test", ca, caKeys, from, to, Role.CLIENT, null);
        leaf(Store.CLIENT_OTHER, "CN=terminal-8, O=txgate test", ca, caKeys, from, to, Role.CLIENT, null);
        leaf(Store.CLIENT_UNTRUSTED, "CN=terminal-7, O=txgate test", otherCa, otherCaKeys, from, to, Role.CLIENT, null);
        leaf(
                Store.CLIENT_EXPIRED,
                "CN=terminal-old, O=txgate test",
                ca,
                caKeys,
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)),
                Role.CLIENT,
                null);

        leaf(Store.CLIENT_RSA_1024, "CN=terminal-rsa-1024, O=txgate test", ca, caKeys, from, to, Role.CLIENT, null);
        leaf(Store.CLIENT_RSA_2048, "CN=terminal-rsa-2048, O=txgate test", ca, caKeys, from, to, Role.CLIENT, null);

        KeyStore trust = emptyStore();
        trust.setCertificateEntry("txgate-test-ca", ca);
        save(trust, path(Store.TRUST));
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(path(Store.CA_PEM), pem, StandardCharsets.US_ASCII);
    }

    /** The PKI of this test JVM, issued on first call; its folder is deleted when the JVM exits. */
    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("txgate-pki-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                instance = new TestPki(dir);
            } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
                throw new IllegalStateException("cannot issue test certificates", e);
            }
        }
        return instance;
    }

    public Path path(Store store) {
        return dir.resolve(store.fileName);
    }

    /**
     * Registers {@code spring.ssl.bundle.jks.NAME.*} with the given key store (none when null) and the test CA as
     * trust store.
     */
    public void addJksBundle(DynamicPropertyRegistry registry, String name, Store keyStore) {
        String prefix = "spring.ssl.bundle.jks." + name;
        if (keyStore != null) {
            registry.add(prefix + ".keystore.location", () -> "file:" + path(keyStore));
            registry.add(prefix + ".keystore.password", () -> PASSWORD);
            registry.add(prefix + ".keystore.type", () -> "PKCS12");
        }
        registry.add(prefix + ".truststore.location", () -> "file:" + path(Store.TRUST));
        registry.add(prefix + ".truststore.password", () -> PASSWORD);
        registry.add(prefix + ".truststore.type", () -> "PKCS12");
    }

    /** Loads one of the PKCS12 stores. */
    public KeyStore load(Store store) {
        try (var in = Files.newInputStream(path(store))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            return keyStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load " + store, e);
        }
    }

    /**
     * A client context that trusts the test CA and presents the certificate in {@code keyStore} (none when null),
     * whichever CAs the server says it accepts.
     */
    public SSLContext clientContext(Store keyStore) {
        try {
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(Store.TRUST));
            KeyManager[] keyManagers = null;
            if (keyStore != null) {
                var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore), PASSWORD.toCharArray());
                keyManagers = new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) keys.getKeyManagers()[0])};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TLS socket connected to 127.0.0.1, checking the server certificate's name as HTTPS does. The handshake starts
     * with the first read or write.
     *
     * @param protocols TLS versions to offer; none means the JDK's defaults
     */
    public SSLSocket connect(int port, Store keyStore, String... protocols) {
        return connect(port, keyStore, true, protocols);
    }

    /** Like {@link #connect}, but accepts any server certificate the test CA signed, whatever name it holds. */
    public SSLSocket connectWithoutHostCheck(int port, Store keyStore) {
        return connect(port, keyStore, false);
    }

    private SSLSocket connect(int port, Store keyStore, boolean checkHost, String... protocols) {
        try {
            var socket = (SSLSocket) clientContext(keyStore).getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(checkHost ? "HTTPS" : null);
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the client certificate even when the server's list of accepted CAs does not name its issuer. The JDK's
     * key manager would quietly send no certificate instead, and a test of an untrusted certificate would only test an
     * anonymous client; an attacker's client is not that polite.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager keys;

        AlwaysPresent(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "txgate";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "txgate";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    private enum Role {
        CA,
        SERVER,
        CLIENT
    }

    private void leaf(
            Store store,
            String subject,
            X509Certificate issuer,
            KeyPair issuerKeys,
            Instant from,
            Instant to,
            Role role,
            GeneralNames altNames)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = switch (store) {
            case CLIENT_RSA_1024 -> rsaKeyPair(1024);
            case CLIENT_RSA_2048 -> rsaKeyPair(2048);
            default -> keyPair();
        };
        X500Name issuerName =
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509Certificate certificate = issue(name(subject), keys, issuerName, issuerKeys, from, to, role, altNames);
        KeyStore keyStore = emptyStore();
        keyStore.setKeyEntry(
                "txgate", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {certificate, issuer});
        save(keyStore, path(store));
    }

    private X509Certificate issue(
            X500Name subject,
            KeyPair subjectKeys,
            X500Name issuer,
            KeyPair issuerKeys,
            Instant from,
            Instant to,
            Role role,
            GeneralNames altNames)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, random).abs().add(BigInteger.ONE),
                Date.from(from),
                Date.from(to),
                subject,
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.CA));
        if (role == Role.CA) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(
                            role == Role.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        }
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Parsed the JDK's way (RFC 2253: most specific first), so the server reports it exactly as written. */
    private static X500Name name(String distinguishedName) {
        return X500Name.getInstance(new X500Principal(distinguishedName).getEncoded());
    }

    /** DNS names and IP addresses (recognised by their digits and dots) for the subject alternative name. */
    private static GeneralNames names(String... names) {
        return new GeneralNames(Stream.of(names)
                .map(name -> name.matches("[0-9.]+")
                        ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair rsaKeyPair(int bits) throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void save(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit; the folder is under the system temp directory
        }
    }
}
