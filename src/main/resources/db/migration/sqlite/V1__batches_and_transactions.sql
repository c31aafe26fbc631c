-- One row per accepted batch. batch_id is the idempotency key: the primary key makes the
-- database, not the application, the judge of "stored before".
CREATE TABLE batches (
    batch_id     TEXT    NOT NULL PRIMARY KEY,
    content_hash TEXT    NOT NULL,
    tx_count     INTEGER NOT NULL,
    received_at  TEXT    NOT NULL,
    client_id    TEXT
);

-- amount is TEXT on purpose: NUMERIC affinity would turn 18+6 digit decimals into doubles.
-- occurred_at and received_at hold fixed-width UTC text (nanosecond precision), which sorts as time does.
CREATE TABLE transactions (
    batch_id    TEXT    NOT NULL REFERENCES batches (batch_id),
    seq         INTEGER NOT NULL,
    tx_id       TEXT    NOT NULL,
    account     TEXT    NOT NULL,
    amount      TEXT    NOT NULL,
    currency    TEXT    NOT NULL,
    occurred_at TEXT    NOT NULL,
    description TEXT,
    PRIMARY KEY (batch_id, seq)
);

CREATE INDEX transactions_by_account_time ON transactions (account, occurred_at, batch_id, seq);
