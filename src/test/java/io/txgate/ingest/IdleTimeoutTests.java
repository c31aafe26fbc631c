package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "txgate.server.idle-timeout=1s")
class IdleTimeoutTests extends IngestServerTestBase {

    @Test
    void connectionWhenSilentLongerThanIdleTimeoutShouldBeClosedByServer() {
        try (LineClient client = LineClient.connect(ingestPort(), Duration.ofSeconds(15))) {
            assertThat(client.exchange(Batches.valid("idle-1", 1))).contains("ACCEPTED");
            long start = System.nanoTime();

            // readLine blocks until the server closes the socket: end of stream, not a reply.
            assertThat(client.readLine()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
