package io.txgate.api;

import io.txgate.support.PostgresStore;

/** The read API on PostgreSQL: the same round trip of every field (instants to the nanosecond), paging and errors. */
@PostgresStore
class PostgresReadApiTests extends ReadApiTests {}
