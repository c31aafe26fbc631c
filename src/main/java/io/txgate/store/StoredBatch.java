package io.txgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A stored batch's header: its key, the fingerprint of its content, and when it arrived. */
@Entity
@Table(name = "batches")
public class StoredBatch {

    @Id
    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    @Column(name = "tx_count", nullable = false)
    private int count;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "client_id")
    private String clientId;

    protected StoredBatch() {}

    StoredBatch(String batchId, String contentHash, int count, Instant receivedAt, String clientId) {
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        this.contentHash = Objects.requireNonNull(contentHash, "contentHash");
        if (count < 1) {
            throw new IllegalArgumentException("a stored batch holds at least one transaction, got " + count);
        }
        this.count = count;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.clientId = clientId;
    }

    public String getBatchId() {
        return batchId;
    }

    public String getContentHash() {
        return contentHash;
    }

    public int getCount() {
        return count;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getClientId() {
        return clientId;
    }
}
