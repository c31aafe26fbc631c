package io.txgate.api;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The server's side of the change feed. The consumer's settings share the prefix ({@code io.txgate.feed.FeedProperties})
 * but live with the consumer, so the read API does not depend on the consumer's package.
 *
 * @param recheckInterval how often a server looks for new final rows while a long poll waits, besides being woken by
 *     its own commits: other instances' commits (PostgreSQL) are not signalled in-process, and on PostgreSQL a row
 *     becomes final only when every older transaction has ended. One cheap query per interval, only while a request
 *     waits
 */
@Validated
@ConfigurationProperties("txgate.feed")
public record FeedServerProperties(
        @DefaultValue("200ms") @DurationMin(millis = 10) Duration recheckInterval) {}
