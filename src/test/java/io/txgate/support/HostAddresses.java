package io.txgate.support;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** This test machine's own addresses, for checking what a listener is bound to by connecting to it. */
public final class HostAddresses {

    public static final InetAddress IPV4_LOOPBACK = parse("127.0.0.1");
    public static final InetAddress IPV6_LOOPBACK = parse("::1");

    private HostAddresses() {}

    /** Whether this host can listen on ::1 (it has IPv6 loopback). */
    public static boolean hasIpv6Loopback() {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(IPV6_LOOPBACK, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An IPv4 address of an interface that is up and not loopback (the machine's address on its network), if any. */
    public static Optional<InetAddress> nonLoopbackIpv4() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** Whether a TCP connection to {@code address:port} is accepted (a listener bound there). */
    public static boolean accepts(InetAddress address, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
