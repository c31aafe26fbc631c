package io.txgate.protocol;

import java.math.BigDecimal;
import java.time.Instant;

/** One validated transaction of a batch; {@code description} is null when it was not sent. */
public record Transaction(
        String id, String account, BigDecimal amount, String currency, Instant timestamp, String description) {}
