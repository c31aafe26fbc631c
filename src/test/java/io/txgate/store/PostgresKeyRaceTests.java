package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchFingerprint;
import io.txgate.protocol.Transaction;
import io.txgate.support.PostgresStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The moment two instances race for one batchId, made deterministic: another "instance" (a plain connection) holds an
 * uncommitted insert of the key while the writer's group tries the same key. The group waits on the key; when the other
 * side commits, the group is decided again in a new transaction (PostgreSQL aborts the failed one), and only the raced
 * batch changes its outcome.
 *
 * <p>One writer, so that the batches of a test meet in one group (with several, each batchId has a writer of its own).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"txgate.store.max-group-wait=300ms", "txgate.store.writers=1"})
@PostgresStore
class PostgresKeyRaceTests {

    private static final Instant WHEN = Instant.parse("2026-11-25T10:15:30Z");

    @Autowired
    BatchStore store;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void groupWhenOtherInstanceCommitsSameBatchIdFirstShouldReplyDuplicateAndStoreItsNeighbours() throws Exception {
        Batch raced = batch("kr-raced");
        try (Connection other = dataSource.getConnection()) {
            insertUncommitted(other, raced, 0);

            List<CompletableFuture<StoreOutcome>> outcomes = List.of(
                    store.store(batch("kr-before"), null),
                    store.store(raced, null),
                    store.store(batch("kr-after"), null));
            awaitWriterBlockedBy(other);
            other.commit();

            assertThat(outcomes.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(new StoreOutcome.Stored(1));
            assertThat(outcomes.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(new StoreOutcome.Duplicate(1));
            assertThat(outcomes.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(new StoreOutcome.Stored(1));
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id in ('kr-before', 'kr-raced', 'kr-after')",
                        Integer.class))
                .isEqualTo(3);
    }

    @Test
    void groupWhenOtherInstanceRollsBackSameBatchIdShouldStoreIt() throws Exception {
        Batch raced = batch("kr-rolled-back");
        try (Connection other = dataSource.getConnection()) {
            insertUncommitted(other, raced, 0);

            CompletableFuture<StoreOutcome> outcome = store.store(raced, null);
            awaitWriterBlockedBy(other);
            other.rollback();

            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(new StoreOutcome.Stored(1));
        }
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id = 'kr-rolled-back'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void groupWhenRacingAnotherInstanceForTwoKeysShouldTakeThemInBatchIdOrderSoNeitherDeadlocks() throws Exception {
        Batch first = batch("kr-pair-a");
        Batch second = batch("kr-pair-b");
        try (Connection other = dataSource.getConnection()) {
            // The other instance inserts in batchId order too: "a", then "b".
            insertUncommitted(other, first, 0);

            // This group holds them the other way round; in arrival order it would take "b" first and deadlock.
            List<CompletableFuture<StoreOutcome>> outcomes =
                    List.of(store.store(second, null), store.store(first, null));
            awaitWriterBlockedBy(other);
            try (var statement = other.createStatement()) {
                statement.execute("set local lock_timeout = '500ms'");
            }
            insertUncommitted(other, second, 1);
            other.commit();

            assertThat(outcomes.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(new StoreOutcome.Duplicate(1));
            assertThat(outcomes.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(new StoreOutcome.Duplicate(1));
        }
    }

    /** The writer's insert waits for the other transaction's lock on the key. */
    private void awaitWriterBlockedBy(Connection other) throws SQLException {
        int otherPid;
        try (var statement = other.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            otherPid = result.getInt(1);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                                Integer.class,
                                otherPid)
                        > 0);
    }

    /**
     * What another instance's writer does for a one-transaction batch: a row at a position of its transaction, the
     * batch's header keyed by it. {@code offset} tells apart several batches of one transaction.
     */
    private static void insertUncommitted(Connection connection, Batch batch, int offset) throws SQLException {
        connection.setAutoCommit(false);
        long row;
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select txgate_first_row()")) {
            result.next();
            row = result.getLong(1) + offset;
        }
        try (var insert = connection.prepareStatement("insert into transactions (row_no, occurred_micros,"
                + " occurred_nanos, tx_id, account, amount, currency) values (?, ?, 0, 't1', 'ACC-K', 1.00, 'EUR')")) {
            insert.setLong(1, row);
            insert.setLong(2, StoredInstant.micros(WHEN));
            insert.executeUpdate();
        }
        try (var insert = connection.prepareStatement("insert into batches (batch_no, batch_id, client_no,"
                + " content_hash, tx_count, received_micros, received_nanos) values (?, ?, 0, ?, 1, ?, 0)")) {
            insert.setLong(1, row);
            insert.setString(2, batch.batchId());
            insert.setBytes(3, BatchFingerprint.digest(batch));
            insert.setLong(4, StoredInstant.micros(WHEN));
            insert.executeUpdate();
        }
    }

    private static Batch batch(String batchId) {
        return new Batch(batchId, List.of(new Transaction("t1", "ACC-K", new BigDecimal("1.00"), "EUR", WHEN, "race")));
    }
}
