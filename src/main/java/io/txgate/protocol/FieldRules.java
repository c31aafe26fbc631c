package io.txgate.protocol;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The field rules of PROTOCOL.md. Each check returns null when the value is fine, else what is wrong with it. */
final class FieldRules {

    static final int MAX_IDENTIFIER = 64;
    static final int MAX_DESCRIPTION = 256;

    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 6;

    /**
     * The instants a timestamp may name: those with a four-digit year from 0001 to 9999 in UTC. The read API lists
     * transactions by their UTC instant, so one outside (0001-01-01T00:30+01:00 is in the year 0 in UTC, and PostgreSQL
     * would keep it as 1 BC) would be stored where no listing finds it.
     */
    static final Instant EARLIEST_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    // The shape only; digit counts are checked apart so the message can say which one is over.
    private static final Pattern AMOUNT = Pattern.compile("-?([0-9]+)(?:\\.([0-9]+))?");
    // RFC 3339 date-time (lower-case t and z allowed, as the RFC does), at most nanosecond precision.
    private static final Pattern TIMESTAMP = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2})"
            + ":([0-9]{2})(?:\\.([0-9]{1,9}))?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))");

    private FieldRules() {}

    static String identifierProblem(String value) {
        if (value == null) {
            return "required";
        }
        if (value.isEmpty() || value.length() > MAX_IDENTIFIER) {
            return "must be 1-" + MAX_IDENTIFIER + " characters long";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return "may only hold A-Z a-z 0-9 . _ : -";
            }
        }
        return null;
    }

    static String amountProblem(String value) {
        if (value == null) {
            return "required";
        }
        Matcher decimal = AMOUNT.matcher(value);
        if (!decimal.matches()) {
            return "must be a decimal such as 12.50 or -3 (digits, optional leading '-', optional '.' and fraction"
                    + " digits, no exponent)";
        }
        if (decimal.group(1).length() > MAX_INTEGER_DIGITS) {
            return "at most " + MAX_INTEGER_DIGITS + " integer digits";
        }
        if (decimal.group(2) != null && decimal.group(2).length() > MAX_FRACTION_DIGITS) {
            return "at most " + MAX_FRACTION_DIGITS + " fraction digits";
        }
        return null;
    }

    static BigDecimal amount(String checked) {
        return new BigDecimal(checked);
    }

    static String currencyProblem(String value) {
        if (value == null) {
            return "required";
        }
        if (value.length() != 3 || !isUpperAscii(value)) {
            return "must be 3 upper-case letters";
        }
        return null;
    }

    private static boolean isUpperAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    static String timestampProblem(String value) {
        if (value == null) {
            return "required";
        }
        Matcher timestamp = TIMESTAMP.matcher(value);
        if (!timestamp.matches()) {
            return "must be an RFC 3339 date-time with offset, such as 2026-11-25T10:15:30.123Z";
        }
        Instant instant = instant(timestamp);
        if (instant == null) {
            return "not a real date-time: " + value;
        }
        if (!listable(instant)) {
            return "is " + instant + " in UTC, outside " + EARLIEST_TIMESTAMP + " to " + LATEST_TIMESTAMP;
        }
        return null;
    }

    /** The instant of a valid timestamp, or null when {@link #timestampProblem} would name a problem. */
    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        Matcher timestamp = TIMESTAMP.matcher(value);
        if (!timestamp.matches()) {
            return null;
        }
        Instant instant = instant(timestamp);
        return instant != null && listable(instant) ? instant : null;
    }

    private static boolean listable(Instant instant) {
        return !instant.isBefore(EARLIEST_TIMESTAMP) && !instant.isAfter(LATEST_TIMESTAMP);
    }

    /**
     * The instant of a matched timestamp, or null when its fields are out of range (February 30, hour 24, second 60,
     * offset beyond 18 hours). java.time's factories check the ranges; its formatter would too, at several times the
     * cost, and this runs for every transaction.
     */
    private static Instant instant(Matcher timestamp) {
        String fraction = timestamp.group(7);
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        try {
            var local = LocalDateTime.of(
                    number(timestamp, 1),
                    number(timestamp, 2),
                    number(timestamp, 3),
                    number(timestamp, 4),
                    number(timestamp, 5),
                    number(timestamp, 6),
                    nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            if (timestamp.group(8) != null) {
                int sign = timestamp.group(8).equals("-") ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * number(timestamp, 9), sign * number(timestamp, 10));
            }
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }

    static String descriptionProblem(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_DESCRIPTION * 2 || value.codePointCount(0, value.length()) > MAX_DESCRIPTION) {
            return "at most " + MAX_DESCRIPTION + " characters";
        }
        if (value.indexOf('\u0000') >= 0) {
            // Neither PostgreSQL text nor our fingerprint can hold U+0000.
            return "must not contain U+0000";
        }
        int unpaired = unpairedSurrogate(value);
        if (unpaired >= 0) {
            // JSON's backslash-u escapes can spell half a surrogate pair, which no UTF-8 text (or database) can hold.
            return "must be valid Unicode (unpaired surrogate at character " + unpaired + ")";
        }
        return null;
    }

    /** The index of the first half of a surrogate pair standing alone, or -1. */
    static int unpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The text with each unpaired surrogate replaced by U+FFFD, so it can be encoded as UTF-8. */
    static String withoutUnpairedSurrogates(String value) {
        if (value == null || unpairedSurrogate(value) < 0) {
            return value;
        }
        var clean = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                clean.append(c).append(value.charAt(++i));
            } else {
                clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.toString();
    }
}
