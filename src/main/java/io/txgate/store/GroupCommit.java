package io.txgate.store;

import io.txgate.protocol.Transaction;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits a group of batches in one database transaction and decides each batch's outcome.
 *
 * <p>Decisions are made against the rows already stored (one lookup per group) and against earlier batches of the
 * same group, so a batchId sent twice in one group is judged exactly as if the two came one after the other. The
 * caller learns the outcomes only after the commit returned.
 *
 * <p>The rows are written through a {@link StatelessSession} on the transaction's own connection: the same entities
 * and mappings, but no persistence context to register, dirty-check at flush and clear again for thousands of rows
 * that are never read back in this transaction. {@code insertMultiple} sends each table's rows as one JDBC batch.
 * The lookup is a native query because it needs only two columns and runs once per group with a list of ids whose
 * length changes every time, which HQL would translate anew on each call (BENCHMARKS.md has the figures).
 */
class GroupCommit {

    private static final String STORED_BEFORE =
            "select batch_id, content_hash, tx_count from batches where batch_id in (:ids)";

    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final Clock clock;

    GroupCommit(EntityManager entityManager, TransactionTemplate transactions, Clock clock) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What is known of a batchId stored before (or earlier in the group). */
    private record Prior(String contentHash, int count) {}

    /**
     * Runs the group in one transaction; throws whatever the store threw, in which case nothing was stored.
     *
     * <p>The lookup runs in a read transaction of its own, so that the write transaction begins with a write. SQLite
     * lets a writer wait its turn (busy_timeout) for a lock another connection holds, but a transaction that read first
     * and then writes cannot wait and fails at once with SQLITE_BUSY. If another process stores one of the batchIds
     * between the two, the insert meets the primary key and {@link BatchStore} decides the group again.
     */
    List<StoreOutcome> commit(List<PendingBatch> group) {
        Map<String, Prior> known = transactions.execute(status -> storedBefore(group));
        return transactions.execute(status -> decideAndInsert(group, known));
    }

    /**
     * Rewrites the one row of {@code store_probe}: a write as durable as a batch commit, so it fails where a batch
     * would (read-only file, full disk, lock held by another process), but stores nothing of value.
     */
    void probe() {
        transactions.executeWithoutResult(status -> entityManager
                .createNativeQuery("update store_probe set checked_at = ?1 where id = 1")
                .setParameter(1, clock.instant().toString())
                .executeUpdate());
    }

    private List<StoreOutcome> decideAndInsert(List<PendingBatch> group, Map<String, Prior> known) {
        var outcomes = new ArrayList<StoreOutcome>(group.size());
        var inserts = new TreeMap<String, PendingBatch>();
        for (PendingBatch pending : group) {
            Prior prior = known.get(pending.batchId());
            if (prior != null) {
                outcomes.add(
                        prior.contentHash().equals(pending.fingerprint())
                                ? new StoreOutcome.Duplicate(prior.count())
                                : new StoreOutcome.Conflict());
                continue;
            }
            inserts.put(pending.batchId(), pending);
            known.put(pending.batchId(), new Prior(pending.fingerprint(), pending.rows()));
            outcomes.add(new StoreOutcome.Stored(pending.rows()));
        }
        if (!inserts.isEmpty()) {
            // New keys go in in batchId order: server instances sharing one PostgreSQL then lock the keys they race
            // for in the same order, so one waits for the other (and then sees a key violation) instead of
            // deadlocking.
            Instant receivedAt = clock.instant();
            var headers = new ArrayList<StoredBatch>(inserts.size());
            var rows = new ArrayList<StoredTransaction>();
            for (PendingBatch pending : inserts.values()) {
                headers.add(new StoredBatch(
                        pending.batchId(), pending.fingerprint(), pending.rows(), receivedAt, pending.clientId()));
                addRows(pending, rows);
            }
            Session session = entityManager.unwrap(Session.class);
            try (StatelessSession writer =
                    session.statelessWithOptions().connection().open()) {
                // Headers first: the transactions' foreign key points at them.
                writer.insertMultiple(headers);
                writer.insertMultiple(rows);
            }
        }
        return outcomes;
    }

    /** What is stored of the group's batchIds; a mutable map, because the group's own batches are added to it. */
    private Map<String, Prior> storedBefore(List<PendingBatch> group) {
        var ids = new LinkedHashSet<String>();
        group.forEach(pending -> ids.add(pending.batchId()));
        var known = new HashMap<String, Prior>();
        List<?> found = entityManager
                .createNativeQuery(STORED_BEFORE)
                .setParameter("ids", ids)
                .getResultList();
        for (Object row : found) {
            Object[] columns = (Object[]) row;
            known.put((String) columns[0], new Prior((String) columns[1], ((Number) columns[2]).intValue()));
        }
        return known;
    }

    /** The stored rows of a batch, in the order sent. */
    static void addRows(PendingBatch pending, List<StoredTransaction> rows) {
        int seq = 0;
        for (Transaction tx : pending.batch().transactions()) {
            rows.add(new StoredTransaction(
                    pending.batchId(),
                    seq++,
                    tx.id(),
                    tx.account(),
                    tx.amount(),
                    tx.currency(),
                    tx.timestamp(),
                    tx.description()));
        }
    }
}
