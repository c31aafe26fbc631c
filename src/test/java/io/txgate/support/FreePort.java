package io.txgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port that was free a moment ago: for a server started as a child process, which must be told its ports, or a
 * client that must target a server not started yet. In-JVM servers bind port 0 themselves instead.
 */
public final class FreePort {

    private FreePort() {}

    public static int find() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
