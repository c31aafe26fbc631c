-- The same tables and keys as the SQLite store, in PostgreSQL's own types.
-- Identifiers use the "C" collation: byte order, as SQLite compares them, and cheaper index comparisons.

-- One row per accepted batch. batch_id is the idempotency key: the primary key makes the
-- database, not the application, the judge of "stored before", also across server instances.
CREATE TABLE batches (
    batch_id     text COLLATE "C" NOT NULL PRIMARY KEY,
    content_hash text             NOT NULL,
    tx_count     integer          NOT NULL,
    received_at  timestamptz      NOT NULL,
    client_id    text
);

-- amount is numeric without a fixed scale, so it keeps the scale as sent ("12.50" stays 12.50).
-- timestamptz keeps microseconds; txgate truncates finer fractions before storing.
CREATE TABLE transactions (
    batch_id    text COLLATE "C" NOT NULL REFERENCES batches (batch_id),
    seq         integer          NOT NULL,
    tx_id       text COLLATE "C" NOT NULL,
    account     text COLLATE "C" NOT NULL,
    amount      numeric          NOT NULL,
    currency    text COLLATE "C" NOT NULL,
    occurred_at timestamptz      NOT NULL,
    description text,
    PRIMARY KEY (batch_id, seq)
);

CREATE INDEX transactions_by_account_time ON transactions (account, occurred_at, batch_id, seq);
