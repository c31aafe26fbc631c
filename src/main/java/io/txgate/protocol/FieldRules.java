package io.txgate.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The field rules of PROTOCOL.md. Each check returns null when the value is fine, else what is wrong with it. */
final class FieldRules {

    static final int MAX_IDENTIFIER = 64;
    static final int MAX_DESCRIPTION = 256;

    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 6;

    // The shape only; digit counts are checked apart so the message can say which one is over.
    private static final Pattern AMOUNT = Pattern.compile("-?([0-9]+)(?:\\.([0-9]+))?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");

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
        if (!TIMESTAMP.matcher(value).matches()) {
            return "must be an RFC 3339 date-time with offset, such as 2026-11-25T10:15:30.123Z";
        }
        try {
            instant(value);
            return null;
        } catch (DateTimeParseException e) {
            return "not a real date-time: " + value;
        }
    }

    static Instant instant(String checked) {
        return OffsetDateTime.parse(checked.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
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
