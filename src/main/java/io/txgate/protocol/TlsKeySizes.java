package io.txgate.protocol;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Set;
import javax.crypto.interfaces.DHKey;

/**
 * The smallest keys either side of a connection accepts: RSA, DSA and finite-field Diffie-Hellman of at least 2048 bits,
 * elliptic curves of at least 256 bits (NIST SP 800-57's 112-bit security floor; the JDK alone still takes RSA-1024).
 *
 * <p>As the {@link AlgorithmConstraints} of a TLS socket, the JDK applies it on top of its own to every key it checks:
 * each certificate of the peer's chain, and the handshake's ephemeral keys. A client certificate with a weaker key
 * therefore fails the handshake.
 */
public final class TlsKeySizes implements AlgorithmConstraints {

    public static final int MIN_RSA_BITS = 2048;
    public static final int MIN_EC_BITS = 256;

    public static final TlsKeySizes INSTANCE = new TlsKeySizes();

    private TlsKeySizes() {}

    /** Whether a key meets the minimum; keys of other kinds (EdDSA, X25519) have fixed, strong sizes. */
    public static boolean strongEnough(Key key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength() >= MIN_RSA_BITS;
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() >= MIN_EC_BITS;
        }
        if (key instanceof DSAKey dsa) {
            return dsa.getParams().getP().bitLength() >= MIN_RSA_BITS;
        }
        if (key instanceof DHKey dh) {
            return dh.getParams().getP().bitLength() >= MIN_RSA_BITS;
        }
        return true;
    }

    /** A key's algorithm and size as people write them, such as "RSA 1024 bits". */
    public static String describe(Key key) {
        int bits = -1;
        if (key instanceof RSAKey rsa) {
            bits = rsa.getModulus().bitLength();
        } else if (key instanceof ECKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
        }
        return bits < 0 ? key.getAlgorithm() : key.getAlgorithm() + " " + bits + " bits";
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        // Algorithms by name are left to the JDK's own constraints (jdk.tls.disabledAlgorithms).
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return strongEnough(key);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return strongEnough(key);
    }
}
