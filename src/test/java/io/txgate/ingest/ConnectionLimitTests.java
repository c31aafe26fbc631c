package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "txgate.server.max-connections=3")
class ConnectionLimitTests extends IngestServerTestBase {

    @LocalServerPort
    private int httpPort;

    @Test
    void connectionWhenOverTheCapShouldBeClosedAndServedOnceASlotFrees() {
        List<LineClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                LineClient client = connect();
                assertThat(client.exchange(Batches.valid("cap-" + i, 1))).contains("ACCEPTED");
                open.add(client);
            }
            try (LineClient fourth = connect()) {
                // Refused: the server closes it without a reply; what we sent is never stored.
                fourth.send(Batches.valid("cap-refused", 1));
                assertThat(fourth.readLine()).isNull();
            }
            assertThat(storedTransactions("cap-refused")).isZero();

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ingestConnectionFactory.getOpenConnectionIds().size() < 3);
            try (LineClient later = connect()) {
                assertThat(later.exchange(Batches.valid("cap-later", 1))).contains("ACCEPTED");
            }
            assertThat(open.get(0).exchange(Batches.valid("cap-still", 1)))
                    .as("the connections within the cap keep working")
                    .contains("ACCEPTED");
        } finally {
            open.forEach(LineClient::close);
        }
    }

    @Test
    void readinessWhenTheCapIsReachedShouldShowItAndStayUp() {
        List<LineClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                LineClient client = connect();
                assertThat(client.exchange(Batches.valid("full-" + i, 1))).contains("ACCEPTED");
                open.add(client);
            }

            Http.Response full = management().as(TestTokens.READER).get("/actuator/health/readiness");

            assertThat(full.status()).as("a full server is healthy").isEqualTo(200);
            assertThat(full.json()
                            .at("/components/tcpListener/details/atConnectionCap")
                            .asBoolean())
                    .isTrue();
            assertThat(full.json()
                            .at("/components/tcpListener/details/maxConnections")
                            .asInt())
                    .isEqualTo(3);
        } finally {
            open.forEach(LineClient::close);
        }
        awaitNoOpenConnections();
        assertThat(new Http(httpPort)
                        .get("/actuator/health/readiness")
                        .json()
                        .at("/components/tcpListener/details/atConnectionCap")
                        .asBoolean())
                .isFalse();
    }
}
