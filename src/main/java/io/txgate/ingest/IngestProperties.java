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
import org.springframework.util.unit.DataSize;
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
 * @param idleTimeout a connection that has no batch answered ACCEPTED or DUPLICATE for this long (counted from its
 *     open or its last such batch) is closed, whatever else it sends
 * @param frameTimeout a frame must be complete this long after its first byte, else the connection is closed
 * @param maxConnections open connections at most; one more is closed right after accept
 * @param replyTimeout longest wait for the store before a batch is answered REJECTED/UNAVAILABLE
 * @param shutdownGrace on shutdown, longest wait for batches in flight to be committed and answered before the
 *     remaining connections are closed
 * @param maxConnectionsPerAddress open connections from one source address at most; one more is closed right after
 *     accept (behind a TCP proxy every connection has the proxy's address: raise it to max-connections there)
 * @param maxBufferedBytes memory all connections together may hold for frames not yet answered (their bytes and the
 *     batches parsed from them); unset means a quarter of the JVM's maximum heap
 * @param bufferWait longest a connection waits for room in max-buffered-bytes (not reading meanwhile) before its frame
 *     is answered REJECTED/UNAVAILABLE and skipped
 * @param writeTimeout a connection whose client does not take its replies for this long is closed
 * @param rejectedFramesTimeout a connection whose frames were all rejected (MALFORMED, INVALID, TOO_LARGE, CONFLICT)
 *     for this long is closed after the reply to the last one
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
        @DefaultValue("10s") @DurationMin(millis = 0) Duration shutdownGrace,
        @DefaultValue("100") @Min(1) int maxConnectionsPerAddress,
        DataSize maxBufferedBytes,
        @DefaultValue("10s") @DurationMin(millis = 0) Duration bufferWait,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration writeTimeout,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration rejectedFramesTimeout) {

    /** Share of the maximum heap that frames may hold when max-buffered-bytes is not set. */
    static final int DEFAULT_BUFFERED_HEAP_DIVISOR = 4;

    /** How many maximum-size frames the memory budget must hold at least: one frame with its batch takes 5. */
    static final int MIN_BUFFERED_FRAMES = 6;

    public IngestProperties {
        long budget = bufferedBytes(maxBufferedBytes);
        if (budget < (long) MIN_BUFFERED_FRAMES * maxFrameBytes) {
            throw new IllegalArgumentException("txgate.server.max-buffered-bytes is " + budget + " bytes"
                    + (maxBufferedBytes == null ? " (a quarter of the maximum heap)" : "") + ", it must be at least "
                    + MIN_BUFFERED_FRAMES + " x txgate.server.max-frame-bytes ("
                    + (long) MIN_BUFFERED_FRAMES * maxFrameBytes
                    + " bytes): one frame and the batch parsed from it take up to 5 times its"
                    + " size");
        }
    }

    /** The memory budget for frames not yet answered, in bytes. */
    public long bufferedBytes() {
        return bufferedBytes(maxBufferedBytes);
    }

    private static long bufferedBytes(DataSize configured) {
        return configured != null
                ? configured.toBytes()
                : Runtime.getRuntime().maxMemory() / DEFAULT_BUFFERED_HEAP_DIVISOR;
    }
}
