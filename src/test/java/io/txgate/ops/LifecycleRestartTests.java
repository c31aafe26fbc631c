package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Every part with a lifecycle (ingest listener, writer, feed waits, web servers) can be stopped and started again in
 * the same process. Spring does this to a cached test context while other contexts run, and a part that cannot
 * restart (the feed's scheduler could not) broke every later test class that shared the server.
 */
// If a restart breaks the server, the broken context must not be handed to later classes.
@DirtiesContext
class LifecycleRestartTests extends IngestServerTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Test
    void serverWhenStoppedAndStartedAgainShouldIngestReadAndWakeFeedWaitersAgain() throws Exception {
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("restart-before", 2))).contains("ACCEPTED");
        }

        context.stop();
        assertThat(ingestConnectionFactory.isListening()).isFalse();
        context.start();

        Http reader = api().as(TestTokens.READER);
        long head = jdbc.queryForObject("select max(row_no) from transactions", Long.class);
        CompletableFuture<JsonNode> held = CompletableFuture.supplyAsync(
                () -> reader.get("/api/feed?wait=20s&after=" + head).json());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("txgate.feed.waiting").gauge().value() == 1);
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("restart-after", 3))).contains("ACCEPTED");
        }

        JsonNode page = held.get(30, TimeUnit.SECONDS);
        assertThat(page.get("transactions"))
                .as("the held request was woken by the commit")
                .hasSize(3);
        assertThat(page.get("transactions").get(0).get("batchId").asString()).isEqualTo("restart-after");
        assertThat(reader.get("/api/batches/restart-before").status()).isEqualTo(200);
        assertThat(storedTransactions("restart-after")).isEqualTo(3);
    }
}
