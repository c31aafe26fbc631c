package io.txgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a server says before it ends a connection it refuses. A refused TLS client may see the end as a TLS
 * alert, a reset or a plain end of stream, depending on timing; only a read timeout means the server did not act.
 */
public final class UntilClosed {

    private UntilClosed() {}

    /** Sends a frame, then returns the lines read until the server ended the connection. */
    public static List<String> sendAndRead(LineClient client, String frame) {
        try {
            client.send(frame);
        } catch (UncheckedIOException e) {
            // Refused before the frame was written. Reading still has to end rather than time out, so a server that
            // kept such a connection open would fail the caller's test.
        }
        return read(client);
    }

    /** The lines read until the server ended the connection. */
    public static List<String> read(LineClient client) {
        var lines = new ArrayList<String>();
        try {
            for (String line = client.readLine(); line != null; line = client.readLine()) {
                lines.add(line);
            }
        } catch (UncheckedIOException e) {
            assertThat(e.getCause())
                    .as("the server should end the connection, not leave it open")
                    .isNotInstanceOf(SocketTimeoutException.class);
        }
        return lines;
    }
}
