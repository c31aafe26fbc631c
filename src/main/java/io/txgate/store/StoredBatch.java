package io.txgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * A stored batch's header: its batchId and client, the fingerprint of its content, when it arrived, and where its
 * transactions are: the positions {@link #getFirstRow()} to {@link #getEndRow()} (exclusive). Read-only here;
 * {@link GroupCommit} writes it.
 */
@Entity
@Table(name = "batches")
@Immutable
public class StoredBatch {

    @Id
    @Column(name = "batch_no")
    private long batchNo;

    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "client_no")
    private int clientNo;

    @Formula("(select c.subject from clients c where c.client_no = client_no)")
    private String clientId;

    @Column(name = "content_hash")
    private byte[] contentHash;

    @Column(name = "tx_count")
    private int count;

    @Column(name = "received_micros")
    private long receivedMicros;

    @Column(name = "received_nanos")
    private int receivedNanos;

    protected StoredBatch() {}

    /** Writes go through {@link GroupCommit}'s JDBC batches; this is for comparing that path with Hibernate's. */
    StoredBatch(long firstRow, String batchId, int clientNo, byte[] contentHash, int count, Instant receivedAt) {
        this.batchNo = firstRow;
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        this.clientNo = clientNo;
        this.contentHash = contentHash.clone();
        if (count < 1) {
            throw new IllegalArgumentException("a stored batch holds at least one transaction, got " + count);
        }
        this.count = count;
        this.receivedMicros = StoredInstant.micros(receivedAt);
        this.receivedNanos = StoredInstant.nanos(receivedAt);
    }

    public String getBatchId() {
        return batchId;
    }

    /** The client certificate's subject of the client that sent it, or null if it sent none. */
    public String getClientId() {
        return clientId;
    }

    public byte[] getContentHash() {
        return contentHash.clone();
    }

    public int getCount() {
        return count;
    }

    public Instant getReceivedAt() {
        return StoredInstant.of(receivedMicros, receivedNanos);
    }

    /** The position of its first transaction, which is also the batch's key. */
    public long getFirstRow() {
        return batchNo;
    }

    /** The position after its last transaction. */
    public long getEndRow() {
        return batchNo + count;
    }
}
