package io.txgate.ingest;

import io.txgate.Loopback;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code txgate.server.bind-address} into the addresses to listen on, and refuses a plain, unauthenticated
 * listener on the network unless the operator asked for one ({@code txgate.server.allow-plaintext=true}).
 */
final class BindAddresses {

    static final String SETTING = "txgate.server.bind-address";

    private BindAddresses() {}

    /**
     * The addresses, in the order given, without repeats: {@code localhost} stands for 127.0.0.1 and ::1
     * ({@link Loopback}), any other entry is an address or a host name (its first address).
     *
     * @param tls whether the listeners speak TLS
     * @throws InvalidConfigurationPropertyValueException naming the setting when an entry does not resolve, a wildcard
     *     is listed with others, or plain TCP would listen beyond loopback without {@code allow-plaintext}
     */
    static List<InetAddress> resolve(IngestProperties properties, boolean tls) {
        List<String> configured = properties.bindAddress();
        String value = String.join(",", configured);
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String entry : configured) {
            if (Loopback.isLocalhost(entry)) {
                addresses.addAll(Loopback.addresses());
            } else {
                addresses.add(resolve(entry.trim(), value));
            }
        }
        if (addresses.size() > 1 && addresses.stream().anyMatch(InetAddress::isAnyLocalAddress)) {
            throw new InvalidConfigurationPropertyValueException(
                    SETTING, value, "0.0.0.0 (or ::) already listens on every address of this host; list it alone");
        }
        if (!tls && !properties.allowPlaintext()) {
            List<String> open = new ArrayList<>();
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    open.add(address.isAnyLocalAddress() ? "every address" : address.getHostAddress());
                }
            }
            if (!open.isEmpty()) {
                throw new InvalidConfigurationPropertyValueException(
                        SETTING,
                        value,
                        "plain TCP on " + String.join(", ", open) + " would let anyone who reaches this port store"
                                + " batches. Turn TLS on with txgate.server.ssl.bundle=NAME (docs/security.md), or set"
                                + " txgate.server.allow-plaintext=true to accept plain TCP from the network on purpose;"
                                + " 'localhost' needs neither");
            }
        }
        return List.copyOf(addresses);
    }

    private static InetAddress resolve(String entry, String value) {
        try {
            return InetAddress.getByName(entry);
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationPropertyValueException(
                    SETTING,
                    value,
                    "'" + entry + "' is neither an IP address nor a host name this machine can resolve");
        }
    }
}
