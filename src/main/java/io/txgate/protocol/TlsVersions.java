package io.txgate.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The TLS versions the protocol allows on either side of a connection: 1.2 and 1.3, nothing older. */
public final class TlsVersions {

    /** Newest first, the order in which a handshake should prefer them. */
    public static final List<String> ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    private TlsVersions() {}

    /**
     * The versions to enable on a socket: the allowed ones, narrowed to {@code requested} when that is given (an
     * operator may want TLS 1.3 only), and to what the JDK {@code supported}.
     *
     * @param requested versions an operator asked for, or null/empty for "all allowed"
     * @param supported versions the socket implementation can speak
     * @throws IllegalArgumentException when nothing allowed remains, naming what was asked for
     */
    public static String[] enabled(String[] requested, String[] supported) {
        Set<String> wanted = (requested == null || requested.length == 0)
                ? Set.copyOf(ALLOWED)
                : Set.copyOf(Arrays.asList(requested));
        List<String> available = Arrays.asList(supported);
        String[] enabled = ALLOWED.stream()
                .filter(wanted::contains)
                .filter(available::contains)
                .toArray(String[]::new);
        if (enabled.length == 0) {
            throw new IllegalArgumentException("no allowed TLS version among " + wanted + " (allowed: " + ALLOWED
                    + ", supported here: " + available + ")");
        }
        return enabled;
    }
}
