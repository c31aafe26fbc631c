package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Http;
import io.txgate.support.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A client-only process shows its outbox on the status page, on its one HTTP port, to a token with scope metrics. */
class ClientStatusPageTests {

    @TempDir
    Path dir;

    @Test
    void statusWhenTheServerIsDownShouldShowTheOutboxFillingAndNoServer() throws IOException {
        int nobodyListens;
        try (var socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        String[] settings = TestTokens.settings().toArray(String[]::new);
        try (var client = RunningClient.start(dir, nobodyListens, settings)) {
            var http =
                    new Http(client.context().getEnvironment().getRequiredProperty("local.server.port", Integer.class));

            assertThat(http.get("/status").status()).isEqualTo(200);
            assertThat(http.get("/status/data").status()).isEqualTo(401);
            assertThat(http.as(TestTokens.READER).get("/status/data").status()).isEqualTo(403);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var response = http.as(TestTokens.SCRAPER).get("/status/data");
                assertThat(response.status()).isEqualTo(200);
                JsonNode data = response.json();
                assertThat(data.path("server").isNull()).isTrue();
                assertThat(data.path("client").path("outboxDepth").asLong()).isGreaterThanOrEqualTo(3);
                assertThat(data.path("client").path("oldestAgeSeconds").asDouble())
                        .isPositive();
                assertThat(data.path("client").path("rejectedBatches").asLong()).isZero();
                assertThat(data.path("series").path("outboxDepth").size()).isPositive();
            });
        }
    }
}
