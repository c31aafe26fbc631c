package io.txgate.ingest;

import io.txgate.support.PostgresStore;

/** Every reply row and single-instance guarantee of PROTOCOL.md, on PostgreSQL. */
@PostgresStore
class PostgresProtocolConformanceTests extends ProtocolConformanceTests {}
