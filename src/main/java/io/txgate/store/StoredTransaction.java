package io.txgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * One stored transaction. Its key is its position: one increasing number over the whole store, which orders every
 * stored transaction (docs/scale-out.md). Read-only here; {@link GroupCommit} writes it.
 */
@Entity
@Table(name = "transactions")
@Immutable
public class StoredTransaction {

    @Id
    @Column(name = "row_no")
    private long rowNo;

    // The batch whose positions start at or before this one and closest to it: a lookup in the batches' own key, so
    // the transactions need neither a column nor an index for their batch.
    @Formula("(select max(b.batch_no) from batches b where b.batch_no <= row_no)")
    private long batchNo;

    @Column(name = "occurred_micros")
    private long occurredMicros;

    @Column(name = "occurred_nanos")
    private int occurredNanos;

    @Column(name = "tx_id")
    private String txId;

    @Column(name = "account")
    private String account;

    @Column(name = "amount")
    private BigDecimal amount;

    @Column(name = "currency")
    private String currency;

    @Column(name = "description")
    private String description;

    protected StoredTransaction() {}

    /** Writes go through {@link GroupCommit}'s JDBC batches; this is for comparing that path with Hibernate's. */
    StoredTransaction(long row, PendingBatch.Row values) {
        this.rowNo = row;
        this.occurredMicros = values.occurredMicros();
        this.occurredNanos = values.occurredNanos();
        this.txId = values.txId();
        this.account = values.account();
        this.amount = values.amount();
        this.currency = values.currency();
        this.description = values.description();
    }

    /** Its position in the store's one order of all transactions. */
    public long getRow() {
        return rowNo;
    }

    /** The key of its batch, {@link StoredBatch#getFirstRow()}. */
    public long getBatchRow() {
        return batchNo;
    }

    /** Its place in its batch, from 0. */
    public int getSeq() {
        return Math.toIntExact(rowNo - batchNo);
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
        return StoredInstant.of(occurredMicros, occurredNanos);
    }

    /** {@link StoredInstant#micros} of {@link #getOccurredAt()}: with the nanos and the row, the read API's sort key. */
    public long getOccurredMicros() {
        return occurredMicros;
    }

    public int getOccurredNanos() {
        return occurredNanos;
    }

    public String getDescription() {
        return description;
    }
}
