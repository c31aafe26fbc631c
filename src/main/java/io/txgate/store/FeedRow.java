package io.txgate.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stored transaction with the names of its batch, as the change feed reads it ({@link StoreFeed}): plain values
 * from one pass over a range of positions, no entity.
 *
 * @param position its place in the store's one order of all transactions
 * @param batchId its batch's batchId
 * @param clientId the client certificate's subject of the client that sent its batch, or null if it sent none
 */
public record FeedRow(
        long position,
        String batchId,
        String clientId,
        String txId,
        String account,
        BigDecimal amount,
        String currency,
        Instant occurredAt,
        String description) {}
