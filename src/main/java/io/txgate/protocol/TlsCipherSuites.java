package io.txgate.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * The cipher suites either side of a connection may use: TLS 1.3's suites (all of them authenticated encryption), and
 * on TLS 1.2 only AEAD suites (GCM, ChaCha20-Poly1305, CCM) with an ephemeral key exchange (ECDHE, DHE). CBC suites,
 * whose MAC-then-encrypt design is behind padding-oracle attacks such as Lucky Thirteen, and static RSA key exchange,
 * which gives up forward secrecy, are never enabled.
 */
public final class TlsCipherSuites {

    /** Not a cipher suite: the client's signal for secure renegotiation (RFC 5746), kept where the JDK offers it. */
    private static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    private TlsCipherSuites() {}

    /**
     * The suites to enable on a socket.
     *
     * @param requested suites an operator asked for (an SSL bundle's {@code options.ciphers}), or null/empty for the
     *     allowed ones among {@code defaults}
     * @param defaults the suites the socket would enable by default, in the JDK's order of preference
     * @throws IllegalArgumentException when an operator asked for a suite outside the rule, naming it
     */
    public static String[] enabled(String[] requested, String[] defaults) {
        if (requested != null && requested.length > 0) {
            List<String> refused =
                    Arrays.stream(requested).filter(suite -> !allowed(suite)).toList();
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException("cipher suites " + refused + " are not allowed: TLS 1.2 takes only"
                        + " AEAD suites (GCM, CHACHA20_POLY1305, CCM) with ECDHE or DHE key exchange");
            }
            return requested.clone();
        }
        String[] enabled =
                Arrays.stream(defaults).filter(TlsCipherSuites::allowed).toArray(String[]::new);
        if (Arrays.stream(enabled).allMatch(RENEGOTIATION_SCSV::equals)) {
            throw new IllegalArgumentException(
                    "none of the JDK's cipher suites is allowed: " + Arrays.toString(defaults));
        }
        return enabled;
    }

    /** Whether a suite (by its IANA/JSSE name) meets the rule above. */
    public static boolean allowed(String suite) {
        if (suite.equals(RENEGOTIATION_SCSV)) {
            return true;
        }
        // TLS 1.3 names carry no key exchange; all five of its suites are AEAD.
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        boolean ephemeral = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_") || suite.contains("_CCM");
        return ephemeral && aead;
    }
}
