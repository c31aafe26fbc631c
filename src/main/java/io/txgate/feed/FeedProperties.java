package io.txgate.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feed consumer (profile {@code feed}), which follows a server's {@code /api/feed} into a file of
 * newline-delimited JSON. The server's own feed setting, {@code txgate.feed.recheck-interval}, is
 * {@code io.txgate.api.FeedServerProperties}.
 *
 * @param url the read API of the server to follow (its API port), such as {@code http://127.0.0.1:8080}
 * @param token the API token (scope {@code read}); prefer the environment variable {@code TXGATE_FEED_TOKEN} to the
 *     command line, which other users of the host can see
 * @param output the file the consumer appends to, one transaction per line; it is also the consumer's checkpoint (the
 *     last complete line names the position to resume after). {@code -} writes to standard output instead, which
 *     keeps no checkpoint
 * @param after where to start when the output holds no line yet (standard output, a new file): the position after
 *     which to read, 0 for the beginning
 * @param limit transactions asked for per request, 1 to 10,000
 * @param waitTime how long the server may hold a request while nothing new is there (at most 30 s)
 * @param consumer the name the consumer reports (parameter {@code consumer}) so that the server keeps its lag as a
 *     metric; empty reports nothing
 * @param retryInterval the pause after a failed request (server down, 5xx) before the next try
 */
@Validated
@ConfigurationProperties("txgate.feed")
public record FeedProperties(
        @DefaultValue("http://127.0.0.1:8080") @NotNull String url,
        @DefaultValue("") String token,
        @DefaultValue("") String output,
        @DefaultValue("0") @Min(0) long after,
        @DefaultValue("1000") @Min(1) @Max(10_000) int limit,

        @DefaultValue("25s") @DurationMin(millis = 0) @DurationMax(seconds = 30)
        Duration waitTime,

        @DefaultValue("") String consumer,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration retryInterval) {}
