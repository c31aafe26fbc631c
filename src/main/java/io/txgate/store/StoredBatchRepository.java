package io.txgate.store;

import java.util.Collection;
import java.util.List;
import org.springframework.data.repository.Repository;

/** Reads batch headers. Writes go through {@link BatchStore} only. */
public interface StoredBatchRepository extends Repository<StoredBatch, Long> {

    /** Every batch stored with this batchId: one per client identity that used it. */
    List<StoredBatch> findByBatchId(String batchId);

    /** The batches with these keys ({@link StoredBatch#getFirstRow()}). */
    List<StoredBatch> findByBatchNoIn(Collection<Long> batchNos);
}
