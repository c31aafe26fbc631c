package io.txgate.store;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The rows of a range of positions, for {@link StoreFeed}: a range of the transactions' key. */
public interface FeedRows extends Repository<StoredTransaction, Long> {

    @Query("select t from StoredTransaction t where t.rowNo > :after and t.rowNo <= :head order by t.rowNo")
    List<StoredTransaction> findRange(long after, long head, Limit limit);
}
