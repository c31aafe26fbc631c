package io.txgate.ops;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How txgate checks its own health.
 *
 * @param storeProbeInterval how often a one-row write tests that the store can still be written; the store health
 *     goes DOWN when it fails and UP again when it succeeds, with or without traffic
 */
@Validated
@ConfigurationProperties("txgate.health")
public record HealthProperties(
        @DefaultValue("5s") @DurationMin(millis = 100) Duration storeProbeInterval) {}
