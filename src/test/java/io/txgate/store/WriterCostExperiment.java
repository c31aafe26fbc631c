package io.txgate.store;

import io.txgate.bench.SampleBatches;
import io.txgate.protocol.Batch;
import io.txgate.protocol.Transaction;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
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
 * Not a test: the measurement behind the choice of write path in BENCHMARKS.md. It commits the same groups two ways
 * on the calling thread and logs the thread's CPU time per stored row (SQLite's work included, so the differences are
 * the mapping layers' cost): {@code ./mvnw -o test -Dtest=WriterCostExperiment -Dsurefire.failIfNoSpecifiedTests=false}.
 * Not run by the build (the name does not end in Tests).
 */
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

    @Autowired
    BatchStore store;

    private long nextRow;
    private long nextBatch;

    @Test
    void writePaths() {
        // The writer's first idle probe is a write of another connection, which would make the Hibernate path's
        // read-then-write transaction fail with SQLITE_BUSY_SNAPSHOT: the experiment commits on its own thread only.
        store.stop();
        for (int round = 1; round <= 3; round++) {
            for (int[] shape : new int[][] {{64, 10}, {50, 100}}) {
                int groups = 60_000 / (shape[0] * shape[1]);
                measure(round, "StatelessSession", this::statelessSession, groups, shape[0], shape[1]);
                measure(round, "plain JDBC (GroupCommit)", groupCommit::commit, groups, shape[0], shape[1]);
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
                "round %d, %-26s groups of %2d x %3d: %5.2f us CPU per row, %5.2f us wall",
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
            group.add(PendingBatch.of(batch, null, new CompletableFuture<>()));
        }
        return group;
    }

    /**
     * The same lookup, then the same rows as entities through Hibernate's StatelessSession (one JDBC batch per table),
     * which is how the writer inserted before it went to plain JDBC.
     */
    private void statelessSession(List<PendingBatch> group) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            entityManager
                    .createNativeQuery("select batch_id, client_no, content_hash, tx_count from batches"
                            + " where batch_id in (:ids)")
                    .setParameter(
                            "ids", group.stream().map(PendingBatch::batchId).toList())
                    .getResultList();
            long first = ((Number) entityManager
                            .createNativeQuery("select coalesce(max(row_no), 0) + 1 from transactions")
                            .getSingleResult())
                    .longValue();
            Instant now = Instant.now();
            var headers = new ArrayList<StoredBatch>();
            var rows = new ArrayList<StoredTransaction>();
            long position = first;
            for (PendingBatch pending : group) {
                headers.add(
                        new StoredBatch(position, pending.batchId(), 0, pending.fingerprint(), pending.count(), now));
                for (PendingBatch.Row row : pending.rows()) {
                    rows.add(new StoredTransaction(position++, row));
                }
            }
            Session session = entityManager.unwrap(Session.class);
            try (StatelessSession writer =
                    session.statelessWithOptions().connection().open()) {
                writer.insertMultiple(rows);
                writer.insertMultiple(headers);
            }
        });
    }
}
