package io.txgate.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A scripted line server for the failures the real server does not produce on demand (a reply that never comes, an
 * UNAVAILABLE on the n-th frame, a connection closed unanswered). The script gets the frame's number (from 1) and
 * text and returns the reply line, null to stay silent, or {@link #CLOSE} to close the connection without a reply.
 */
final class StubServer implements AutoCloseable {

    /** The script's answer for "close this connection now, unanswered". */
    static final String CLOSE = "(close)";

    /** A frame as received, with the number of the connection it came on (from 1). */
    record Received(int connection, String frame) {}

    private final ServerSocket socket;
    private final BiFunction<Integer, String, String> script;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final Thread acceptor;

    private StubServer(BiFunction<Integer, String, String> script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "stub-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    static StubServer start(BiFunction<Integer, String, String> script) {
        try {
            return new StubServer(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                int number = connections.size();
                var reader = new Thread(() -> serve(connection, number), "stub-connection-" + number);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection, int number) {
        try (connection) {
            var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = connection.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                received.add(new Received(number, line));
                String reply = script.apply(frames.incrementAndGet(), line);
                if (CLOSE.equals(reply)) {
                    return;
                }
                if (reply != null) {
                    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The client dropped the connection: that is what some tests wait for.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
