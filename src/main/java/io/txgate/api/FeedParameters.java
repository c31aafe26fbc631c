package io.txgate.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The change feed's parameter rules; a value that breaks one is a 400 naming the parameter ({@link ReadParameters}). */
final class FeedParameters {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    /**
     * The longest a request may be held. Longer is refused rather than clamped: a client that asks for a minute and
     * silently gets 30 s would take the early answer for "nothing new", and proxies commonly cut idle requests at 60 s.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s)");

    private FeedParameters() {}

    /** A position: absent means from the start (0). */
    static long after(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value);
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message as a negative number
        }
        throw new BadRequestException(
                "after: must be a position, a whole number from 0 (the 'next' of the previous" + " answer)");
    }

    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message as an out-of-range number
        }
        throw new BadRequestException("limit: must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** {@code 500ms}, {@code 5s} or ISO-8601 ({@code PT5S}); absent means no wait. */
    static Duration waitTime(String value) {
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wait;
        Matcher simple = SHORT_DURATION.matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            wait = simple.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        } else {
            try {
                wait = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new BadRequestException(
                        "wait: must be a duration such as 500ms, 5s or PT5S, at most " + MAX_WAIT.toSeconds() + " s");
            }
        }
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new BadRequestException("wait: must be from 0 to " + MAX_WAIT.toSeconds() + " s, was " + value);
        }
        return wait;
    }

    /** The name a consumer reports for its lag metric; absent reports nothing. */
    static String consumer(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return ReadParameters.identifier("consumer", value);
    }
}
