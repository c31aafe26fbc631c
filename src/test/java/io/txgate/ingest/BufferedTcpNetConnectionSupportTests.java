package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.Frame;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

class BufferedTcpNetConnectionSupportTests {

    @Test
    void connectionWhenReadingSeveralFramesShouldKeepOneBufferAndLoseNoBytes() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (var server = new ServerSocket(0, 1, loopback);
                var client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            // A lost frame shows as a read timeout rather than a hung test.
            accepted.setSoTimeout(5_000);
            TcpNetConnection connection =
                    new BufferedTcpNetConnectionSupport().createNewConnection(accepted, true, false, null, "test");
            connection.setDeserializer(new FrameDeserializer(64));
            OutputStream out = client.getOutputStream();
            // Both frames arrive in one segment, so the first read buffers the second frame too.
            out.write("first\r\nsecond\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(body(connection.getPayload())).isEqualTo("first");
            assertThat(body(connection.getPayload())).isEqualTo("second");
            assertThat(((BufferedTcpNetConnectionSupport.BufferedTcpNetConnection) connection).inputStream())
                    .isInstanceOf(BufferedInputStream.class)
                    .isSameAs(((BufferedTcpNetConnectionSupport.BufferedTcpNetConnection) connection).inputStream());
        }
    }

    private static String body(Object payload) {
        assertThat(payload).isInstanceOf(Frame.Body.class);
        return new String(((Frame.Body) payload).bytes(), StandardCharsets.US_ASCII);
    }
}
