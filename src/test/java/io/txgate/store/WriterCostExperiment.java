package io.txgate.store;

import io.txgate.load.RawLimit;
import io.txgate.load.SampleBatches;
import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchFingerprint;
import io.txgate.protocol.Transaction;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: the measurement behind the choice of write path in BENCHMARKS.md. It commits the same groups three ways
 * on the calling thread and logs the thread's CPU time per stored row (SQLite's work included, so the differences are
 * the mapping layers' cost): {@code ./mvnw -o test -Dtest=WriterCostExperiment -Dsurefire.failIfNoSpecifiedTests=false}.
 * Not run by the build (the name does not end in Tests).
 */
// The idle writer's probe write would make the persist path's read-then-write transactions fail with
// SQLITE_BUSY_SNAPSHOT; the experiment writes through its own code paths only.
@SpringBootTest(properties = "txgate.store.probe-interval=1h")
class WriterCostExperiment {

    private static final Logger log = LoggerFactory.getLogger(WriterCostExperiment.class);

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txgate.store.path", () -> dir.resolve("experiment.db").toString());
    }

    @Autowired
    EntityManager entityManager;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    GroupCommit groupCommit;

    private long nextRow;
    private long nextBatch;

    @Test
    void writePaths() {
        for (int round = 1; round <= 3; round++) {
            for (int[] shape : new int[][] {{64, 10}, {8, 100}, {30, 100}}) {
                int groups = 60_000 / (shape[0] * shape[1]);
                measure(round, "EntityManager.persist", this::persistFlushClear, groups, shape[0], shape[1]);
                measure(round, "StatelessSession", groupCommit::commit, groups, shape[0], shape[1]);
                measure(round, "plain JDBC", this::plainJdbc, groups, shape[0], shape[1]);
            }
        }
    }

    private void measure(
            int round, String path, Consumer<List<PendingBatch>> commit, int groups, int batches, int size) {
        var work = new ArrayList<List<PendingBatch>>();
        for (int i = 0; i < groups; i++) {
            work.add(group(batches, size));
        }
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        work.forEach(commit);
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        long rows = (long) groups * batches * size;
        log.info(String.format(
                Locale.ROOT,
                "round %d, %-22s groups of %2d x %3d: %5.2f us CPU per row, %5.2f us wall",
                round,
                path,
                batches,
                size,
                cpu / 1000.0 / rows,
                wall / 1000.0 / rows));
    }

    private List<PendingBatch> group(int batches, int size) {
        var group = new ArrayList<PendingBatch>();
        for (int b = 0; b < batches; b++) {
            var transactions = new ArrayList<Transaction>();
            for (int seq = 0; seq < size; seq++) {
                var row = SampleBatches.row(nextRow, seq, SampleBatches.DEFAULT_ACCOUNTS);
                transactions.add(new Transaction(
                        row.txId(), row.account(), row.amount(), row.currency(), row.timestamp(), row.description()));
            }
            nextRow += size;
            var batch = new Batch("experiment-" + nextBatch++, transactions);
            group.add(new PendingBatch(batch, BatchFingerprint.of(batch), null, new CompletableFuture<>()));
        }
        return group;
    }

    /** The write path before: HQL lookup, persist every entity, flush and clear the persistence context. */
    private void persistFlushClear(List<PendingBatch> group) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            entityManager
                    .createQuery("select b from StoredBatch b where b.batchId in :ids", StoredBatch.class)
                    .setParameter(
                            "ids", group.stream().map(PendingBatch::batchId).toList())
                    .getResultList();
            Instant now = Instant.now();
            for (PendingBatch pending : group) {
                entityManager.persist(
                        new StoredBatch(pending.batchId(), pending.fingerprint(), pending.rows(), now, null));
                var rows = new ArrayList<StoredTransaction>();
                GroupCommit.addRows(pending, rows);
                rows.forEach(entityManager::persist);
            }
            entityManager.flush();
            entityManager.clear();
        });
    }

    /** The floor: the same lookup and rows through two prepared statement batches. */
    private void plainJdbc(List<PendingBatch> group) {
        new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> entityManager
                        .unwrap(Session.class)
                        .doWork(connection -> {
                            var sql = new StringBuilder(
                                    "select batch_id, content_hash, tx_count from batches where batch_id in (");
                            for (int i = 0; i < group.size(); i++) {
                                sql.append(i == 0 ? "?" : ",?");
                            }
                            try (PreparedStatement lookup =
                                    connection.prepareStatement(sql.append(')').toString())) {
                                for (int i = 0; i < group.size(); i++) {
                                    lookup.setString(i + 1, group.get(i).batchId());
                                }
                                lookup.executeQuery().close();
                            }
                            try (PreparedStatement headers = connection.prepareStatement(RawLimit.INSERT_BATCH);
                                    PreparedStatement rows = connection.prepareStatement(RawLimit.INSERT_TRANSACTION)) {
                                String now = InstantColumns.SqliteText.format(Instant.now());
                                for (PendingBatch pending : group) {
                                    headers.setString(1, pending.batchId());
                                    headers.setString(2, pending.fingerprint());
                                    headers.setInt(3, pending.rows());
                                    headers.setString(4, now);
                                    headers.setString(5, null);
                                    headers.addBatch();
                                    int seq = 0;
                                    for (Transaction tx : pending.batch().transactions()) {
                                        rows.setString(1, pending.batchId());
                                        rows.setInt(2, seq++);
                                        rows.setString(3, tx.id());
                                        rows.setString(4, tx.account());
                                        rows.setBigDecimal(5, tx.amount());
                                        rows.setString(6, tx.currency());
                                        rows.setString(7, InstantColumns.SqliteText.format(tx.timestamp()));
                                        rows.setString(8, tx.description());
                                        rows.addBatch();
                                    }
                                }
                                headers.executeBatch();
                                rows.executeBatch();
                            }
                        }));
    }
}
