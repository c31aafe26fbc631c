package io.txgate.store;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Reads stored transactions. Writes go through {@link BatchStore} only. */
public interface StoredTransactionRepository extends Repository<StoredTransaction, Long> {

    /** A batch's transactions, in the order sent: the positions {@code first} to {@code end} (exclusive). */
    @Query("select t from StoredTransaction t where t.rowNo >= :first and t.rowNo < :end order by t.rowNo")
    List<StoredTransaction> findRows(long first, long end);

    /**
     * An account's transactions in [from, to) (instants as {@link StoredInstant} micros and nanos), newest first, ties
     * broken by position, in a stable order for cursor paging. The bounds on micros alone let the database take a
     * range of the account index; the rest decides the edges to the nanosecond.
     */
    @Query("""
            select t from StoredTransaction t
            where t.account = :account
              and t.occurredMicros >= :fromMicros and t.occurredMicros <= :toMicros
              and (t.occurredMicros > :fromMicros or t.occurredNanos >= :fromNanos)
              and (t.occurredMicros < :toMicros or t.occurredNanos < :toNanos)
            order by t.occurredMicros desc, t.occurredNanos desc, t.rowNo desc""")
    List<StoredTransaction> findPage(
            String account, long fromMicros, int fromNanos, long toMicros, int toNanos, Limit limit);

    /** The page after a cursor (the sort key of the previous page's last row), same order. */
    @Query("""
            select t from StoredTransaction t
            where t.account = :account
              and t.occurredMicros >= :fromMicros and t.occurredMicros <= :afterMicros
              and (t.occurredMicros > :fromMicros or t.occurredNanos >= :fromNanos)
              and (t.occurredMicros < :afterMicros
                   or (t.occurredNanos < :afterNanos
                       or (t.occurredNanos = :afterNanos and t.rowNo < :afterRow)))
            order by t.occurredMicros desc, t.occurredNanos desc, t.rowNo desc""")
    List<StoredTransaction> findPageAfter(
            String account,
            long fromMicros,
            int fromNanos,
            long afterMicros,
            int afterNanos,
            long afterRow,
            Limit limit);
}
