-- The compact store format (docs/performance.md, "The store's format"), converted in place from V1.
--
-- Flyway runs this file in one transaction: a conversion that is interrupted (kill -9, power cut) leaves the old
-- tables as they were, and the next start converts again from the beginning.
--
-- Rows stored before get positions 1..n in batchId, seq order. That is also the order in which the read API used to
-- break ties between equal timestamps (batch_id desc, seq desc), so an account's pages read the same afterwards.

ALTER TABLE transactions RENAME TO transactions_v2;
ALTER TABLE batches RENAME TO batches_v2;
DROP INDEX transactions_by_account_time;

-- The old tables must agree before anything is converted: every batch holds exactly the rows seq 0..tx_count-1 (the
-- conversion finds a batch's rows by its first position and count). SQLite names a failed CHECK by its constraint,
-- so the constraint's name is the message an operator sees.
CREATE TEMP TABLE v3_precondition (
    ok INTEGER CONSTRAINT "the old tables disagree: a batch's tx_count differs from its stored rows; nothing was converted, the database is unchanged; restore it from a backup" CHECK (ok = 1)
);
INSERT INTO v3_precondition
SELECT (SELECT count(*) FROM transactions_v2) = (SELECT coalesce(sum(tx_count), 0) FROM batches_v2)
   AND (SELECT count(*) FROM transactions_v2 t JOIN batches_v2 b ON b.batch_id = t.batch_id
        WHERE t.seq >= 0 AND t.seq < b.tx_count) = (SELECT count(*) FROM transactions_v2);
DROP TABLE v3_precondition;

-- Who sent a batch under mutual TLS: the client certificate's subject, numbered. client_no 0 (no row here) means "no
-- client certificate"; those clients share one namespace of batchIds.
CREATE TABLE clients (
    client_no INTEGER PRIMARY KEY,
    subject   TEXT    NOT NULL UNIQUE
);

-- One row per stored batch. Its key is the position of its first transaction; its transactions are the positions
-- batch_no .. batch_no + tx_count - 1, so no index on the transactions is needed to find them.
-- (batch_id, client_no) is the idempotency key: a batchId is unique per client identity, and the unique index makes
-- the database, not the application, the judge of "stored before".
-- Instants are integers: microseconds since 1970-01-01T00:00:00Z (floor), and the nanoseconds past that microsecond
-- (0-999), so every instant of years 0000-9999 is kept to the nanosecond.
CREATE TABLE batches (
    batch_no        INTEGER PRIMARY KEY,
    batch_id        TEXT    NOT NULL,
    client_no       INTEGER NOT NULL,
    content_hash    BLOB    NOT NULL,
    tx_count        INTEGER NOT NULL,
    received_micros INTEGER NOT NULL,
    received_nanos  INTEGER NOT NULL
);

-- One row per stored transaction, keyed by its position: one increasing number over the whole store, assigned by the
-- single writer under SQLite's write lock, so positions are committed in increasing order and never reused (rows are
-- never deleted). Appending to this B-tree touches only its last pages.
-- amount is TEXT on purpose: NUMERIC affinity would turn 18+6 digit decimals into doubles.
CREATE TABLE transactions (
    row_no          INTEGER PRIMARY KEY,
    occurred_micros INTEGER NOT NULL,
    occurred_nanos  INTEGER NOT NULL,
    tx_id           TEXT    NOT NULL,
    account         TEXT    NOT NULL,
    amount          TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    description     TEXT
);

INSERT INTO clients (subject)
SELECT DISTINCT client_id FROM batches_v2 WHERE client_id IS NOT NULL ORDER BY client_id;

-- The old text instants are fixed-width UTC ('2026-11-25T10:15:30.123456789Z', years 0000-9999). A timestamp at the
-- edge of year 0000 or 9999 with an offset was stored one day beyond, as '-0001-12-31T...' or '+10000-01-01T...';
-- those two days are computed from their neighbours. Anything else becomes NULL and fails the NOT NULL constraint.
INSERT INTO transactions (row_no, occurred_micros, occurred_nanos, tx_id, account, amount, currency, description)
SELECT row_number() OVER (ORDER BY batch_id, seq),
       CASE
           WHEN length(occurred_at) = 30
               THEN unixepoch(substr(occurred_at, 1, 19)) * 1000000 + CAST(substr(occurred_at, 21, 6) AS INTEGER)
           WHEN length(occurred_at) = 31 AND substr(occurred_at, 1, 12) = '-0001-12-31T'
               THEN (unixepoch('0000-01-01T' || substr(occurred_at, 13, 8)) - 86400) * 1000000
                    + CAST(substr(occurred_at, 22, 6) AS INTEGER)
           WHEN length(occurred_at) = 32 AND substr(occurred_at, 1, 13) = '+10000-01-01T'
               THEN (unixepoch('9999-12-31T' || substr(occurred_at, 14, 8)) + 86400) * 1000000
                    + CAST(substr(occurred_at, 23, 6) AS INTEGER)
       END,
       CAST(substr(occurred_at, -4, 3) AS INTEGER),
       tx_id, account, amount, currency, description
FROM transactions_v2
ORDER BY batch_id, seq;

INSERT INTO batches (batch_no, batch_id, client_no, content_hash, tx_count, received_micros, received_nanos)
SELECT coalesce(sum(b.tx_count) OVER (ORDER BY b.batch_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) + 1,
       b.batch_id,
       coalesce(c.client_no, 0),
       unhex(b.content_hash),
       b.tx_count,
       CASE
           WHEN length(b.received_at) = 30
               THEN unixepoch(substr(b.received_at, 1, 19)) * 1000000 + CAST(substr(b.received_at, 21, 6) AS INTEGER)
       END,
       CAST(substr(b.received_at, -4, 3) AS INTEGER)
FROM batches_v2 b LEFT JOIN clients c ON c.subject = b.client_id
ORDER BY b.batch_id;

CREATE UNIQUE INDEX batches_by_batch_id ON batches (batch_id, client_no);
-- The read API lists an account newest first; SQLite adds the row's position to every index entry, which breaks
-- ties between equal instants.
CREATE INDEX transactions_by_account_time ON transactions (account, occurred_micros, occurred_nanos);

DROP TABLE transactions_v2;
DROP TABLE batches_v2;

-- Every stored transaction with its batch, readable by people (sqlite3) and tests. Filter it by batch: the join walks
-- from each batch to its positions. For an account's history use the read API, which uses the account index.
CREATE VIEW batch_transactions AS
SELECT b.batch_id,
       c.subject                AS client_id,
       t.row_no - b.batch_no    AS seq,
       t.row_no,
       t.tx_id,
       t.account,
       t.amount,
       t.currency,
       strftime('%Y-%m-%dT%H:%M:%S', (t.occurred_micros - ((t.occurred_micros % 1000000 + 1000000) % 1000000)) / 1000000,
                'unixepoch')
           || printf('.%06d%03dZ', (t.occurred_micros % 1000000 + 1000000) % 1000000, t.occurred_nanos)
                                AS occurred_at,
       t.description
FROM batches b
JOIN transactions t ON t.row_no >= b.batch_no AND t.row_no < b.batch_no + b.tx_count
LEFT JOIN clients c ON c.client_no = b.client_no;
