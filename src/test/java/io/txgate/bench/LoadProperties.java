package io.txgate.bench;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How hard a load run drives a server, and for how long; from {@code --name=value} arguments by {@link #parse}.
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
public record LoadProperties(
        String host,
        List<Integer> ports,
        int connections,
        int inFlight,
        int batchSize,
        long batches,
        long warmupBatches,
        int accounts,
        double rate,
        Duration replyTimeout,
        String runId,
        String summaryFile) {

    private static final Set<String> NAMES = Set.of(
            "host",
            "ports",
            "connections",
            "in-flight",
            "batch-size",
            "batches",
            "warmup-batches",
            "accounts",
            "rate",
            "reply-timeout",
            "run-id",
            "summary-file");

    public LoadProperties {
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        if (ports.isEmpty() || ports.stream().anyMatch(port -> port < 1 || port > 65535)) {
            throw new IllegalArgumentException("--ports must be one or more ports 1-65535, was " + ports);
        }
        atLeast("connections", connections, 1);
        atLeast("in-flight", inFlight, 1);
        atLeast("batch-size", batchSize, 1);
        atLeast("batches", batches, 1);
        atLeast("warmup-batches", warmupBatches, 0);
        atLeast("accounts", accounts, 1);
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 (unlimited) or more batches per second, was " + rate);
        }
        ports = List.copyOf(ports);
    }

    /** The settings of {@code --name=value} arguments; an option not given has the default written below. */
    public static LoadProperties parse(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + NAMES);
            }
        }
        return new LoadProperties(
                options.getOrDefault("host", "127.0.0.1"),
                Arrays.stream(options.getOrDefault("ports", "9400").split(","))
                        .map(port -> (int) number("ports", port.trim()))
                        .toList(),
                (int) number("connections", options.getOrDefault("connections", "8")),
                (int) number("in-flight", options.getOrDefault("in-flight", "1")),
                (int) number("batch-size", options.getOrDefault("batch-size", "10")),
                number("batches", options.getOrDefault("batches", "10000")),
                number("warmup-batches", options.getOrDefault("warmup-batches", "0")),
                (int) number("accounts", options.getOrDefault("accounts", "100")),
                decimal("rate", options.getOrDefault("rate", "0")),
                duration(options.getOrDefault("reply-timeout", "30s")),
                options.getOrDefault("run-id", ""),
                options.getOrDefault("summary-file", ""));
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    private static double decimal(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + value + "'");
        }
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT30S}). */
    private static Duration duration(String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.parse(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--reply-timeout must be a duration such as 30s, was '" + value + "'");
        }
    }

    private static void atLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException("--" + name + " must be at least " + least + ", was " + value);
        }
    }
}
