package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** PROTOCOL.md's UNAVAILABLE for a store that cannot be written, and recovery without a restart. */
@TestPropertySource(
        properties = {
            "txgate.server.reply-timeout=5s",
            "spring.datasource.url=jdbc:sqlite:${txgate.store.path}"
                    + "?journal_mode=WAL&synchronous=FULL&busy_timeout=300&foreign_keys=true"
        })
class StoreOutageTests extends IngestServerTestBase {

    @Autowired
    BatchStore store;

    @Test
    void batchWhenDatabaseIsLockedByAnotherProcessShouldBeUnavailableThenAcceptedOnceFreed() throws Exception {
        int port = ingestPort();
        try (LineClient client = LineClient.connect(port, Duration.ofSeconds(20))) {
            assertThat(client.exchange(Batches.valid("out-before", 1))).contains("ACCEPTED");

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + storeFile());
                    Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                try {
                    long start = System.nanoTime();
                    String reply = client.exchange(Batches.valid("out-1", 2));

                    assertThat(reply)
                            .startsWith(
                                    "{\"batchId\":\"out-1\",\"status\":\"REJECTED\",\"error\":{\"code\":\"UNAVAILABLE\"");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                    assertThat(store.lastFailure()).isNotNull();
                } finally {
                    lock.execute("ROLLBACK");
                }
            }

            // Same batchId again, as PROTOCOL.md tells the client: stored once, no restart needed.
            assertThat(client.exchange(Batches.valid("out-1", 2))).contains("\"status\":\"ACCEPTED\",\"count\":2");
            assertThat(store.lastFailure()).isNull();
        }
        assertThat(storedTransactions("out-1")).isEqualTo(2);
    }
}
