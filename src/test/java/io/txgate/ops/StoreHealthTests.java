package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The store component goes DOWN while the database cannot be written and comes back by itself. Root cannot make a
 * file read-only for itself, so the fault here is another process holding SQLite's write lock (fault 4's "locked by
 * another process"); the probe and the writer see the same SQLITE_BUSY as for a read-only file or a full disk.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:sqlite:${txgate.store.path}?journal_mode=WAL&synchronous=FULL"
                    + "&busy_timeout=200&foreign_keys=true",
            "txgate.store.probe-interval=100ms"
        })
class StoreHealthTests extends IngestServerTestBase {

    @Value("${txgate.store.path}")
    String storePath;

    @Test
    void storeWhenLockedByAnotherProcessShouldGoDownAndRecoverWithoutRestart() throws Exception {
        var http = management().as(TestTokens.OPERATOR);
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("store-health-1", 2))).contains("ACCEPTED");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> http.get("/actuator/health/readiness").status() == 200);

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + storePath);
                    Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> http.get("/actuator/health/readiness").status() == 503);
                var health = http.get("/actuator/health");
                assertThat(health.status()).isEqualTo(503);
                var store = health.json().path("components").path("store");
                assertThat(store.path("status").asString()).isEqualTo("DOWN");
                assertThat(store.path("details").path("lastFailure").asString()).containsIgnoringCase("locked");
                assertThat(health.json()
                                .path("components")
                                .path("tcpListener")
                                .path("status")
                                .asString())
                        .isEqualTo("UP");

                assertThat(client.exchange(Batches.valid("store-health-2", 2)))
                        .contains("\"REJECTED\"")
                        .contains("UNAVAILABLE");

                lock.execute("ROLLBACK");
            }

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> http.get("/actuator/health/readiness").status() == 200);
            assertThat(http.get("/actuator/health").json().path("status").asString())
                    .isEqualTo("UP");
            assertThat(client.exchange(Batches.valid("store-health-2", 2))).contains("ACCEPTED");
        }
        assertThat(storedTransactions("store-health-2")).isEqualTo(2);
    }
}
