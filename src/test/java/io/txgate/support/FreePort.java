package io.txgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port that was free a moment ago, for a client that must target a server not started yet, or a setting that must
 * name a port. A server whose ports the test only needs to know binds port 0 and reports them instead (in-JVM
 * servers, {@link ServerProcess}).
 *
 * <p>The port is taken below the kernel's ephemeral range, where no port-0 bind and no outgoing connection of another
 * test JVM can land on it between this check and its use; only another test's pick could, one in thousands.
 */
public final class FreePort {

    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePort() {}

    public static int find() {
        int ephemeralStart = ephemeralStart();
        if (ephemeralStart - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        return anyFree();
    }

    /** Linux's first ephemeral port; elsewhere 0, and {@link #find} falls back to a port the system picks. */
    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 0;
        }
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFree() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
