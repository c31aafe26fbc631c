package io.txgate.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How batches are committed.
 *
 * @param path the SQLite database file, created with its folder on first start
 * @param maxGroupRows transactions committed together at most in one database transaction (group commit); a group
 *     may exceed it by one batch, and PostgreSQL takes at most 65,536 rows per commit
 * @param maxGroupWait how long the writer may wait for more batches to fill a group; zero commits what is there
 * @param maxQueuedRows transactions waiting for the writer at most; beyond that batches get UNAVAILABLE (overload)
 * @param probeInterval while no batches arrive, the writer rewrites one probe row this often, so that a store that
 *     can no longer be written turns the store health DOWN (and a repaired one UP) without traffic
 * @param writers writer threads committing groups at the same time, each on its own connection; more than one only
 *     for PostgreSQL, which overlaps one group's commit with the next group's inserts (SQLite takes one writer at a
 *     time, so there it must stay 1)
 */
@Validated
@ConfigurationProperties("txgate.store")
public record StoreProperties(
        @DefaultValue("data/txgate.db") String path,
        @DefaultValue("5000") @Min(1) @Max(50_000) int maxGroupRows,
        @DefaultValue("0ms") @DurationMin(millis = 0) Duration maxGroupWait,
        @DefaultValue("200000") @Min(1) int maxQueuedRows,
        @DefaultValue("5s") @DurationMin(millis = 10) Duration probeInterval,
        @DefaultValue("1") @Min(1) @Max(64) int writers) {}
