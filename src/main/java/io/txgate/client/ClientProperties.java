package io.txgate.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.validation.annotation.Validated;

/**
 * The client profile: where batches go, how often they are made, and how undelivered ones are kept.
 *
 * @param host the server's host name or address
 * @param port the server's TCP port
 * @param interval pause between two generated batches
 * @param batchSize transactions per generated batch
 * @param replyTimeout longest wait for a reply before the connection is dropped and the batch is sent again
 * @param count batches to generate before exiting (after all are answered); 0 runs until stopped
 * @param backoffInitial first pause before a retry after a failure; it doubles with each further failure
 * @param backoffMax longest pause between retries
 * @param outboxPath the client's own SQLite file holding batches until the server acknowledges them
 * @param outboxMaxBatches batches the outbox holds at most; when full, generation pauses until it drains
 * @param maxFrameBytes longest reply frame accepted from the server
 * @param batchIdPrefix first part of every batchId (the rest is a random UUIDv7), at most 27 characters; empty picks
 *     one from host name and process id
 * @param ssl TLS towards the server
 * @param servers several servers as {@code host:port,host:port}: the client sends to the first that answers and
 *     fails over to the next when a connection fails; empty means the one {@code host}/{@code port}
 */
@Validated
@ConfigurationProperties("txgate.client")
public record ClientProperties(
        @DefaultValue("localhost") @NotBlank String host,
        @DefaultValue("9400") @Min(1) @Max(65535) int port,
        @DefaultValue("1s") @NotNull Duration interval,
        @DefaultValue("10") @Min(1) int batchSize,
        @DefaultValue("5s") @NotNull Duration replyTimeout,
        @DefaultValue("0") @Min(0) long count,
        @DefaultValue("200ms") @NotNull Duration backoffInitial,
        @DefaultValue("10s") @NotNull Duration backoffMax,
        @DefaultValue("data/client-outbox.db") @NotBlank String outboxPath,
        @DefaultValue("10000") @Min(1) int outboxMaxBatches,
        @DefaultValue("1048576") @Min(64) int maxFrameBytes,

        @DefaultValue("")
        @Pattern(
                regexp = "[A-Za-z0-9._:-]{0," + BatchIds.MAX_PREFIX + "}",
                message = "must be at most " + BatchIds.MAX_PREFIX
                        + " of A-Z a-z 0-9 . _ : - (a 36-character UUID and a '-' follow it within the 64 a batchId"
                        + " may have)")
        String batchIdPrefix,

        @DefaultValue Ssl ssl,
        @DefaultValue List<String> servers) {

    /**
     * TLS towards the server.
     *
     * @param bundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust store verifies the
     *     server (and whose key store, if any, is the client certificate for mutual TLS); empty means plain TCP
     */
    public record Ssl(@DefaultValue("") String bundle) {}

    public ClientProperties {
        servers = servers == null ? List.of() : List.copyOf(servers);
        for (int i = 0; i < servers.size(); i++) {
            try {
                ServerAddress.parse(servers.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationPropertyValueException(
                        "txgate.client.servers[" + i + "]", servers.get(i), e.getMessage());
            }
        }
        requirePositive("interval", interval);
        requirePositive("reply-timeout", replyTimeout);
        requirePositive("backoff-initial", backoffInitial);
        requirePositive("backoff-max", backoffMax);
        if (backoffMax != null && backoffInitial != null && backoffMax.compareTo(backoffInitial) < 0) {
            throw new InvalidConfigurationPropertyValueException(
                    "txgate.client.backoff-max",
                    DurationStyle.SIMPLE.print(backoffMax),
                    "must not be shorter than txgate.client.backoff-initial ("
                            + DurationStyle.SIMPLE.print(backoffInitial) + ")");
        }
    }

    /** Where to send, in failover order. */
    List<ServerAddress> serverAddresses() {
        if (servers.isEmpty()) {
            return List.of(new ServerAddress(host, port));
        }
        return servers.stream().map(ServerAddress::parse).toList();
    }

    // Bean Validation has no constraint for durations, so the record checks them itself.
    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidConfigurationPropertyValueException(
                    "txgate.client." + name, DurationStyle.SIMPLE.print(value), "must be positive");
        }
    }
}
