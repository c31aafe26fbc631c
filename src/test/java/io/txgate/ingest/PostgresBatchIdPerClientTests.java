package io.txgate.ingest;

import io.txgate.support.PostgresStore;

/** {@link BatchIdPerClientTests} on PostgreSQL, where the unique key (batchId, client) is the judge across instances. */
@PostgresStore
class PostgresBatchIdPerClientTests extends BatchIdPerClientTests {}
