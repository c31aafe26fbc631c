package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;

class IngestConnectionSupportTests {

    private final ClientEventLog events = new ClientEventLog();
    private final ConnectionWatchdog watchdog = new ConnectionWatchdog(Duration.ofSeconds(1), events);
    private final IngestConnectionSupport support = new IngestConnectionSupport(
            new ConnectionLimits(
                    10,
                    10,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    1024),
            new NoConnections(),
            new MemoryBudget(1 << 20),
            watchdog,
            events,
            new ConnectionActivity());

    @AfterEach
    void stopWatchdog() {
        watchdog.close();
    }

    @Test
    void messageWhenMappedShouldCarryTheSocketsLocalAddressReadOnceAtOpen() throws IOException {
        try (var listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket accepted = listener.accept()) {
            TcpNetConnection connection = support.createNewConnection(accepted, true, false, event -> {}, "test");
            var mapper = new TcpMessageMapper();

            // One frame at a time, so each read is a burst of its own.
            client.getOutputStream().write("{}\r\n".getBytes(StandardCharsets.US_ASCII));
            Message<?> first = mapper.toMessage(connection);
            client.getOutputStream().write("{}\r\n".getBytes(StandardCharsets.US_ASCII));
            Message<?> second = mapper.toMessage(connection);

            assertThat(first.getHeaders().get(IpHeaders.LOCAL_ADDRESS)).isEqualTo(accepted.getLocalAddress());
            assertThat(second.getHeaders().get(IpHeaders.LOCAL_ADDRESS)).isEqualTo(accepted.getLocalAddress());
            assertThat(connection.getSocketInfo().getLocalPort()).isEqualTo(listener.getLocalPort());
        }
    }

    private static final class NoConnections implements IngestConnectionSupport.OpenConnections {

        @Override
        public int total() {
            return 0;
        }

        @Override
        public int from(String hostAddress) {
            return 0;
        }
    }
}
