package io.txgate.store;

import java.util.Optional;
import org.springframework.data.repository.Repository;

/** Reads batch headers. Writes go through {@link BatchStore} only. */
public interface StoredBatchRepository extends Repository<StoredBatch, String> {

    Optional<StoredBatch> findById(String batchId);
}
