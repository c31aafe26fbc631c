package io.txgate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code localhost}, the default address of every txgate listener, stands for: this machine's loopback in both
 * IP families, 127.0.0.1 and ::1. A client that dials {@code localhost} may get either from its resolver, so a
 * listener on one of them only would turn some local clients away. On a host without IPv6 loopback, ::1 is skipped
 * with one INFO line.
 */
public final class Loopback {

    /** The name that means "both loopback addresses" in txgate's address settings. */
    public static final String LOCALHOST = "localhost";

    public static final InetAddress IPV4 = literal(new byte[] {127, 0, 0, 1});
    public static final InetAddress IPV6 = literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private static final Logger log = LoggerFactory.getLogger(Loopback.class);
    private static final AtomicBoolean reportedMissingIpv6 = new AtomicBoolean();

    private Loopback() {}

    /** Whether a configured address is the name {@value #LOCALHOST} (in any case). */
    public static boolean isLocalhost(String address) {
        return address != null && address.trim().toLowerCase(Locale.ROOT).equals(LOCALHOST);
    }

    /** 127.0.0.1, then ::1 when this host can listen there. */
    public static List<InetAddress> addresses() {
        return ipv6Available() ? List.of(IPV4, IPV6) : List.of(IPV4);
    }

    /** How an address is written next to a port: IPv6 in brackets. */
    public static String withPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        if (address.isAnyLocalAddress()) {
            host = "*";
        } else if (host.contains(":")) {
            host = "[" + (address.equals(IPV6) ? "::1" : host) + "]";
        }
        return host + ":" + port;
    }

    /**
     * Whether a socket can be bound to ::1: false when IPv6 is off in the kernel, removed from the loopback interface,
     * or turned off in the JVM ({@code -Djava.net.preferIPv4Stack=true}).
     */
    private static boolean ipv6Available() {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(IPV6, 0), 1);
            return true;
        } catch (IOException e) {
            if (reportedMissingIpv6.compareAndSet(false, true)) {
                log.info(
                        "this host has no IPv6 loopback (::1: {}), so 'localhost' listens on 127.0.0.1 only",
                        e.getMessage());
            }
            return false;
        }
    }

    private static InetAddress literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
