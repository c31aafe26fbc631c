package io.txgate.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * The read API's parameter rules. A value that breaks one is a 400 naming the parameter; nothing a client sends may
 * reach the database in a form it cannot take (a U+0000, a year it cannot store) and come back as a 500.
 */
final class ReadParameters {

    /** The range of instants the stores list (docs/api.md); wider bounds are no use and not every store takes them. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** PROTOCOL.md's identifiers (batchId, account): what was never accepted is never stored, so cannot be asked for. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Longer than any certificate subject a CA issues in practice; the bound keeps a query and a log line small. */
    private static final int MAX_SUBJECT_CHARS = 1024;

    static final String LIMIT_RULE = "limit: must be a whole number from 1 to " + ReadApiController.MAX_LIMIT;

    private static final String DATE_TIME_RULE =
            ": must be an RFC 3339 date-time with offset, such as 2026-11-25T10:00:00Z";

    private ReadParameters() {}

    /** The rule of a typed parameter whose value did not convert to its type, naming the parameter. */
    static String typeRule(String name) {
        return switch (name) {
            case "limit" -> LIMIT_RULE;
            case "from", "to" -> name + DATE_TIME_RULE;
            default -> name + ": not a valid value";
        };
    }

    static String identifier(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadRequestException(name + ": required");
        }
        if (!isIdentifier(value)) {
            throw new BadRequestException(name + ": must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        return value;
    }

    /**
     * A client identity as the store names it: a certificate subject (RFC 2253), or empty for clients without one.
     * Absent is allowed. Control characters are refused: no subject has them, and they would reach the audit log.
     */
    static void clientSubject(String name, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_SUBJECT_CHARS) {
            throw new BadRequestException(name + ": at most " + MAX_SUBJECT_CHARS + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(name + ": must not contain control characters");
        }
    }

    static boolean isIdentifier(String value) {
        return IDENTIFIER.matcher(value).matches();
    }

    /** A bound of a time range; Spring converted the text (a value that does not convert: {@link #typeRule}). */
    static Instant instant(String name, OffsetDateTime value, Instant absent) {
        if (value == null) {
            return absent;
        }
        Instant instant = value.toInstant();
        if (!inRange(instant)) {
            throw new BadRequestException(name + ": must lie between " + EARLIEST + " and 9999-12-31T23:59:59Z");
        }
        return instant;
    }

    static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
