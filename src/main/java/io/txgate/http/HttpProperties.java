package io.txgate.http;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read over HTTP, and how much HTTP work one server takes on at a time.
 *
 * @param tokens API tokens that may call the read API and protected actuator endpoints, each with a name (shown in
 *     the audit log), the SHA-256 of its secret (hex) and its scopes ({@code read}: /api/**, {@code metrics}:
 *     /actuator/prometheus); none configured means nobody can read (docs/security.md shows how to make one)
 * @param maxConcurrentReads read API requests served at the same time at most; one more is answered 429 with
 *     Retry-After (a second late, holding no thread), never queued. Keep it below the database pool size minus the
 *     store's writers, so that reads never make the writer wait for a connection
 * @param headerDeadline longest time from a request's first byte to the end of its headers, on the API port and the
 *     management port; a connection still sending them then is closed. Tomcat's own timeout only limits each single
 *     read, which a client sending one byte every few seconds never reaches. Request bodies are refused unread (413)
 * @param openMetrics true lets anyone who reaches the management port scrape /actuator/prometheus without a token;
 *     by default scraping needs a token with scope {@code metrics}
 */
@Validated
@ConfigurationProperties("txgate.http")
public record HttpProperties(
        @DefaultValue List<@Valid Token> tokens,
        @DefaultValue("2") @Min(1) int maxConcurrentReads,
        @DefaultValue("10s") @DurationMin(seconds = 1) Duration headerDeadline,
        @DefaultValue("false") boolean openMetrics) {

    /**
     * One API token as configured: its secret is never in the settings, only its SHA-256.
     *
     * @param name who holds the token, as the audit log shows it
     * @param sha256 the SHA-256 of the secret, 64 hex digits ({@code printf %s "$TOKEN" | sha256sum})
     * @param scopes what the token may do: {@code read}, {@code metrics}
     */
    public record Token(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "1-64 characters of A-Z a-z 0-9 . _ : -")
            String name,

            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "the SHA-256 of the secret: 64 hex digits")
            String sha256,

            @NotEmpty Set<Scope> scopes) {

        @Override
        public String toString() {
            // The hash is not the secret, but it need not show up in a log or an error message either.
            return "Token[name=" + name + ", scopes=" + scopes + "]";
        }
    }

    /** What a token may do; its authority is {@code SCOPE_<name>}, as Spring Security names OAuth scopes. */
    public enum Scope {
        /** The read API, /api/**. */
        READ,
        /** Prometheus scraping, /actuator/prometheus. */
        METRICS;

        String authority() {
            return "SCOPE_" + scopeName();
        }

        String scopeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
