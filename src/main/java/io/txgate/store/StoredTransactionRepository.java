package io.txgate.store;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Reads stored transactions. Writes go through {@link BatchStore} only. */
public interface StoredTransactionRepository extends Repository<StoredTransaction, StoredTransaction.Key> {

    List<StoredTransaction> findByBatchIdOrderBySeq(String batchId);

    /** An account's transactions in [from, to), newest first, in a stable order for cursor paging. */
    @Query("""
            select t from StoredTransaction t
            where t.account = :account and t.occurredAt >= :from and t.occurredAt < :to
            order by t.occurredAt desc, t.batchId desc, t.seq desc""")
    List<StoredTransaction> findPage(String account, Instant from, Instant to, Limit limit);

    /** The page after a cursor (the last row of the previous page), same order. */
    @Query("""
            select t from StoredTransaction t
            where t.account = :account and t.occurredAt >= :from
              and (t.occurredAt < :afterTime
                   or (t.occurredAt = :afterTime and (t.batchId < :afterBatch
                       or (t.batchId = :afterBatch and t.seq < :afterSeq))))
            order by t.occurredAt desc, t.batchId desc, t.seq desc""")
    List<StoredTransaction> findPageAfter(
            String account, Instant from, Instant afterTime, String afterBatch, int afterSeq, Limit limit);
}
