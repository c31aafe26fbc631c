package io.txgate.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The TCP ingest endpoint.
 *
 * @param port TCP port for batches; 0 picks a free one (tests)
 * @param bindAddress addresses to listen on, comma-separated; {@code localhost} is this machine's loopback (127.0.0.1
 *     and ::1), {@code 0.0.0.0} every IPv4 and IPv6 address of the host
 * @param allowPlaintext whether plain TCP without TLS may listen on an address other than loopback, where anyone who
 *     reaches it can store batches; without it such a start fails, asking for TLS ({@code txgate.server.ssl.bundle})
 * @param backlog connections the OS queues before they are accepted
 * @param maxFrameBytes largest frame body; longer frames get REJECTED/TOO_LARGE and are skipped
 * @param maxTransactions most transactions in one batch; more get REJECTED/TOO_LARGE
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param frameTimeout a frame must be complete this long after its first byte, else the connection is closed
 * @param maxConnections open connections at most; one more is closed right after accept
 * @param replyTimeout longest wait for the store before a batch is answered REJECTED/UNAVAILABLE
 * @param shutdownGrace on shutdown, longest wait for batches in flight to be committed and answered before the
 *     remaining connections are closed
 */
@Validated
@ConfigurationProperties("txgate.server")
public record IngestProperties(
        @DefaultValue("9400") @Min(0) @Max(65535) int port,
        @DefaultValue("localhost") @NotEmpty List<@NotBlank String> bindAddress,
        @DefaultValue("false") boolean allowPlaintext,
        @DefaultValue("128") @Min(1) int backlog,
        @DefaultValue("1048576") @Min(64) int maxFrameBytes,
        @DefaultValue("1000") @Min(1) int maxTransactions,
        @DefaultValue("60s") @DurationMin(millis = 1) Duration idleTimeout,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration frameTimeout,
        @DefaultValue("1000") @Min(1) int maxConnections,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration replyTimeout,
        @DefaultValue("10s") @DurationMin(millis = 0) Duration shutdownGrace) {}
