package io.txgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read cap over real HTTP: with {@code max-concurrent-reads=1}, a read that is still working makes the next one a
 * 429 with Retry-After (sent a second later, without holding a thread), and the permit comes back when it is done.
 * The read that holds the permit is a test endpoint under /api/ that waits for a latch, so the test decides when it
 * ends.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "txgate.http.max-concurrent-reads=1")
@Import(ReadConcurrencyLimitTests.HoldingRead.class)
class ReadConcurrencyLimitTests extends IngestServerTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class HoldingRead {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @GetMapping("/api/test-holding-read")
        String hold() throws InterruptedException {
            entered.countDown();
            return release.await(20, TimeUnit.SECONDS) ? "released" : "timed out";
        }
    }

    @Test
    void readsWhenOverTheCapShouldBe429WithRetryAfterUntilThePermitReturns(
            @Autowired HoldingRead holding, CapturedOutput output) throws Exception {
        Http reader = api().as(TestTokens.READER);
        var held = CompletableFuture.supplyAsync(() -> reader.get("/api/test-holding-read"));
        try {
            assertThat(holding.entered.await(10, TimeUnit.SECONDS)).isTrue();

            var refused = reader.get("/api/transactions?account=ACC-1");
            var refusedMany = new ArrayList<CompletableFuture<Http.Response>>();
            for (int i = 0; i < 8; i++) {
                refusedMany.add(CompletableFuture.supplyAsync(() -> reader.get("/api/batches/any")));
            }

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(refused.header("Retry-After")).hasValue("1");
            assertThat(refused.json().path("detail").asString()).contains("txgate.http.max-concurrent-reads");
            // Only the read API is capped: the probes and refusals of other callers answer as always.
            assertThat(management().get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(api().get("/api/transactions?account=ACC-1").status()).isEqualTo(401);
            for (var future : refusedMany) {
                assertThat(future.get(10, TimeUnit.SECONDS).status()).isEqualTo(429);
            }
        } finally {
            holding.release.countDown();
        }
        assertThat(held.get(10, TimeUnit.SECONDS).body()).isEqualTo("released");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> reader.get("/api/transactions?account=ACC-1").status() == 200);
        assertThat(output.getAll())
                .doesNotContain("\tat ")
                .doesNotContain(" ERROR ")
                .doesNotContain(" WARN ");
    }

    @Test
    void readsWhenOneFailsShouldGiveThePermitBack() {
        Http reader = api().as(TestTokens.READER);
        for (int i = 0; i < 5; i++) {
            assertThat(reader.get("/api/transactions?account=A&limit=0").status())
                    .isEqualTo(400);
            assertThat(reader.get("/api/batches/none").status()).isEqualTo(404);
        }

        assertThat(reader.get("/api/transactions?account=ACC-1").status()).isEqualTo(200);
    }
}
