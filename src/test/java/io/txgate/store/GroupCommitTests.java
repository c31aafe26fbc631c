package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.Batch;
import io.txgate.protocol.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The group commit's promises, checked through {@link BatchStore} against a real SQLite file. The writer waits up to a
 * second to fill a group, so batches submitted together land in one group.
 */
// The store alone: no web layer, which it does not use (a slice of the application for the group commit's rules).
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"txgate.store.max-group-wait=1s", "txgate.store.max-group-rows=50000"})
// The context's writer works on this class's temporary folder: it must end with the class, not stay cached.
@DirtiesContext
class GroupCommitTests {

    @TempDir
    static Path dataDir;

    @Autowired
    BatchStore store;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txgate.store.path", () -> dataDir.resolve("txgate.db").toString());
    }

    @AfterEach
    void dropPoison() {
        jdbc.execute("drop trigger if exists poison");
    }

    @Test
    void groupWhenOneBatchFailsInTheDatabaseShouldStoreExactlyTheOthers() {
        // A failure only the database can produce: the parser lets every one of these batches through.
        jdbc.execute("create trigger poison before insert on transactions when new.account = 'POISON'"
                + " begin select raise(abort, 'poisoned row'); end");
        var outcomes = new ArrayList<CompletableFuture<StoreOutcome>>();
        for (int i = 0; i < 20; i++) {
            String account = i == 7 ? "POISON" : "ACC-" + i;
            outcomes.add(store.store(batch("atomic-" + i, account, 3), null));
        }

        for (int i = 0; i < 20; i++) {
            StoreOutcome outcome = outcomes.get(i).join();
            if (i == 7) {
                assertThat(outcome).isInstanceOf(StoreOutcome.Unavailable.class);
                assertThat(((StoreOutcome.Unavailable) outcome).reason()).contains("poisoned row");
            } else {
                assertThat(outcome).isEqualTo(new StoreOutcome.Stored(3));
            }
        }
        assertThat(count("select count(*) from batches where batch_id like 'atomic-%'"))
                .isEqualTo(19);
        assertThat(count("select count(*) from batch_transactions where batch_id like 'atomic-%'"))
                .isEqualTo(19 * 3);
        assertThat(count("select count(*) from batches where batch_id = 'atomic-7'"))
                .isZero();
        assertThat(count("select count(*) from batch_transactions where batch_id = 'atomic-7'"))
                .isZero();
    }

    @Test
    void sameBatchIdWhenTwiceInOneGroupShouldBeDecidedAsIfSequential() {
        Batch original = batch("twice-1", "ACC-1", 2);
        Batch changed = batch("twice-1", "ACC-2", 2);

        var first = store.store(original, null);
        var again = store.store(original, null);
        var conflicting = store.store(changed, null);
        var other = store.store(batch("twice-2", "ACC-1", 1), null);

        assertThat(first.join()).isEqualTo(new StoreOutcome.Stored(2));
        assertThat(again.join()).isEqualTo(new StoreOutcome.Duplicate(2));
        assertThat(conflicting.join()).isEqualTo(new StoreOutcome.Conflict());
        assertThat(other.join()).isEqualTo(new StoreOutcome.Stored(1));
        assertThat(jdbc.queryForList(
                        "select account from batch_transactions where batch_id = 'twice-1' order by seq", String.class))
                .containsExactly("ACC-1", "ACC-1");
    }

    @Test
    void batchWhenStoredBeforeShouldBeDuplicateOrConflictInALaterGroup() {
        assertThat(store.store(batch("later-1", "ACC-1", 2), null).join()).isEqualTo(new StoreOutcome.Stored(2));

        var duplicate = store.store(batch("later-1", "ACC-1", 2), null);
        var conflict = store.store(batch("later-1", "ACC-9", 2), null);

        assertThat(duplicate.join()).isEqualTo(new StoreOutcome.Duplicate(2));
        assertThat(conflict.join()).isEqualTo(new StoreOutcome.Conflict());
        assertThat(count("select count(*) from batch_transactions where batch_id = 'later-1'"))
                .isEqualTo(2);
    }

    @Test
    void groupWhenHoldingTensOfThousandsOfBatchIdsShouldDecideEachOne() {
        // More batchIds in one lookup than a stock SQLite build takes parameters (32,766); sqlite-jdbc's takes 250,000,
        // and a group holds at most max-group-rows (50,000) plus one batch. Half of them were stored before, so the
        // lookup must find every one.
        int batches = 40_000;
        var earlier = new ArrayList<CompletableFuture<StoreOutcome>>();
        for (int i = 0; i < batches; i += 2) {
            earlier.add(store.store(batch("many-" + i, "ACC-M", 1), null));
        }
        earlier.forEach(outcome -> assertThat(outcome.join()).isEqualTo(new StoreOutcome.Stored(1)));

        var outcomes = new ArrayList<CompletableFuture<StoreOutcome>>();
        for (int i = 0; i < batches; i++) {
            outcomes.add(store.store(batch("many-" + i, "ACC-M", 1), null));
        }

        for (int i = 0; i < batches; i++) {
            assertThat(outcomes.get(i).join())
                    .as("many-%d", i)
                    .isEqualTo(i % 2 == 0 ? new StoreOutcome.Duplicate(1) : new StoreOutcome.Stored(1));
        }
        assertThat(count("select count(*) from batches where batch_id like 'many-%'"))
                .isEqualTo(batches);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    static Batch batch(String batchId, String account, int size) {
        var transactions = new ArrayList<Transaction>();
        for (int i = 0; i < size; i++) {
            transactions.add(new Transaction(
                    "t" + i,
                    account,
                    new BigDecimal("1.25").add(BigDecimal.valueOf(i)),
                    "EUR",
                    Instant.parse("2026-11-25T10:15:30.123Z").plus(Duration.ofSeconds(i)),
                    i % 2 == 0 ? "coffee" : null));
        }
        return new Batch(batchId, List.copyOf(transactions));
    }
}
