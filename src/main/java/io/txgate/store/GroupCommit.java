package io.txgate.store;

import io.txgate.protocol.Batch;
import io.txgate.protocol.Transaction;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits a group of batches in one database transaction and decides each batch's outcome.
 *
 * <p>Decisions are made against the rows already stored (one lookup per group) and against earlier batches of the
 * same group, so a batchId sent twice in one group is judged exactly as if the two came one after the other. The
 * caller learns the outcomes only after the commit returned.
 */
class GroupCommit {

    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final Clock clock;

    GroupCommit(EntityManager entityManager, TransactionTemplate transactions, Clock clock) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Runs the group in one transaction; throws whatever the store threw, in which case nothing was stored. */
    List<StoreOutcome> commit(List<PendingBatch> group) {
        return transactions.execute(status -> decideAndInsert(group));
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

    private List<StoreOutcome> decideAndInsert(List<PendingBatch> group) {
        Map<String, StoredBatch> known = storedBefore(group);
        var outcomes = new ArrayList<StoreOutcome>(group.size());
        var receivedAt = clock.instant();
        var inserts = new TreeMap<String, PendingBatch>();
        for (PendingBatch pending : group) {
            StoredBatch prior = known.get(pending.batchId());
            if (prior != null) {
                outcomes.add(
                        prior.getContentHash().equals(pending.fingerprint())
                                ? new StoreOutcome.Duplicate(prior.getCount())
                                : new StoreOutcome.Conflict());
                continue;
            }
            var header = new StoredBatch(
                    pending.batchId(), pending.fingerprint(), pending.rows(), receivedAt, pending.clientId());
            known.put(pending.batchId(), header);
            inserts.put(pending.batchId(), pending);
            outcomes.add(new StoreOutcome.Stored(pending.rows()));
        }
        // New keys go in in batchId order: server instances sharing one PostgreSQL then lock the keys they race for
        // in the same order, so one waits for the other (and then sees a key violation) instead of deadlocking.
        inserts.forEach((batchId, pending) -> {
            entityManager.persist(known.get(batchId));
            insertTransactions(pending.batch());
        });
        entityManager.flush();
        entityManager.clear();
        return outcomes;
    }

    private Map<String, StoredBatch> storedBefore(List<PendingBatch> group) {
        var ids = new LinkedHashSet<String>();
        group.forEach(pending -> ids.add(pending.batchId()));
        var known = new HashMap<String, StoredBatch>();
        entityManager
                .createQuery("select b from StoredBatch b where b.batchId in :ids", StoredBatch.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(batch -> known.put(batch.getBatchId(), batch));
        // Found headers must not be flushed back: they are only read.
        known.values().forEach(entityManager::detach);
        return known;
    }

    private void insertTransactions(Batch batch) {
        int seq = 0;
        for (Transaction tx : batch.transactions()) {
            entityManager.persist(new StoredTransaction(
                    batch.batchId(),
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
