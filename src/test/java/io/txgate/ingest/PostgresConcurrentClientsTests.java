package io.txgate.ingest;

import io.txgate.support.PostgresStore;

/** Many connections at once, committed in groups, on PostgreSQL. */
@PostgresStore
class PostgresConcurrentClientsTests extends ConcurrentClientsTests {}
