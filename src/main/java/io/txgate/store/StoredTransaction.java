package io.txgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored transaction. Its key is (batch, position in the batch): assigned by us, so Hibernate can batch the
 * inserts instead of fetching a generated id row by row.
 */
@Entity
@Table(name = "transactions")
@IdClass(StoredTransaction.Key.class)
public class StoredTransaction {

    @Id
    @Column(name = "batch_id")
    private String batchId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "tx_id", nullable = false)
    private String txId;

    @Column(name = "account", nullable = false)
    private String account;

    @Column(name = "amount", nullable = false)
    private BigDecimal amount;

    @Column(name = "currency", nullable = false)
    private String currency;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "description")
    private String description;

    protected StoredTransaction() {}

    StoredTransaction(
            String batchId,
            int seq,
            String txId,
            String account,
            BigDecimal amount,
            String currency,
            Instant occurredAt,
            String description) {
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        this.seq = seq;
        this.txId = Objects.requireNonNull(txId, "txId");
        this.account = Objects.requireNonNull(account, "account");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        this.description = description;
    }

    public String getBatchId() {
        return batchId;
    }

    public int getSeq() {
        return seq;
    }

    public String getTxId() {
        return txId;
    }

    public String getAccount() {
        return account;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getDescription() {
        return description;
    }

    /** The composite key; JPA requires a mutable, serializable class here. */
    public static class Key implements Serializable {
        private String batchId;
        private int seq;

        protected Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && seq == key.seq && Objects.equals(batchId, key.batchId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(batchId, seq);
        }
    }
}
