package io.txgate.load;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The load mode: how hard to drive a server, and for how long.
 *
 * @param host the server's address
 * @param ports the TCP ingest ports of the servers on {@code host}; connection {@code i} goes to port number {@code i
 *     mod n}, so several instances on one machine share the load evenly with no balancer in between
 * @param connections TCP connections opened at once
 * @param inFlight batches sent on one connection without waiting for their replies (pipelining); 1 waits for each
 * @param batchSize transactions per batch
 * @param batches batches sent in total, over all connections, and measured
 * @param warmupBatches batches sent first over the same connections and left out of the figures (their replies are
 *     still checked); the server's code and the connections are then as warm as those of terminals that stay
 *     connected, and the measured run does not include this process's own start-up or a reconnect
 * @param accounts accounts the generated transactions are spread over; more accounts make each commit touch more
 *     pages of the account index (see {@link SampleBatches#row})
 * @param rate batches per second over all connections; 0 sends as fast as the replies allow
 * @param replyTimeout longest wait for one reply before the run counts the connection's batches as unanswered
 * @param runId prefix of every batchId; empty picks one from the clock, so that every run sends new batchIds
 * @param summaryFile where to write the summary as JSON as well as to the log; empty writes no file
 */
@Validated
@ConfigurationProperties("txgate.load")
public record LoadProperties(
        @DefaultValue("127.0.0.1") @NotBlank String host,
        @DefaultValue("9400") @NotEmpty List<@Min(1) @Max(65535) Integer> ports,
        @DefaultValue("8") @Min(1) int connections,
        @DefaultValue("1") @Min(1) int inFlight,
        @DefaultValue("10") @Min(1) int batchSize,
        @DefaultValue("10000") @Min(1) long batches,
        @DefaultValue("0") @Min(0) long warmupBatches,
        @DefaultValue("100") @Min(1) int accounts,
        @DefaultValue("0") @Min(0) double rate,
        @DefaultValue("30s") Duration replyTimeout,
        @DefaultValue("") String runId,
        @DefaultValue("") String summaryFile) {}
