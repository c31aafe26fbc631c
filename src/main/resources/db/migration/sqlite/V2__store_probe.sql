-- One row that the health probe rewrites every few seconds, so that a store that can no longer be
-- written (read-only file, full disk, lock held by another process) shows up in /actuator/health
-- even while no batches arrive. It holds nothing else.
CREATE TABLE store_probe (
    id         INTEGER NOT NULL PRIMARY KEY,
    checked_at TEXT    NOT NULL
);

INSERT INTO store_probe (id, checked_at) VALUES (1, '1970-01-01T00:00:00.000000000Z');
