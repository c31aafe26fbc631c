package io.txgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port that was free a moment ago, for a client that must target a server not started yet, or a setting that must
 * name a port. Another test JVM may take it in between, so a server whose ports the test only needs to know binds
 * port 0 and reports them instead (in-JVM servers, {@link ServerProcess}).
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
