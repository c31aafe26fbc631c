package io.txgate.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The field rules of PROTOCOL.md. Each check returns null when the value is fine, else what is wrong with it. */
final class FieldRules {

    static final int MAX_IDENTIFIER = 64;
    static final int MAX_DESCRIPTION = 256;

    private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,6})?");
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
        if (!AMOUNT.matcher(value).matches()) {
            return "must be a decimal with an optional leading '-', at most 18 integer and 6 fraction digits, no exponent";
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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                // Neither PostgreSQL text nor our fingerprint can hold U+0000.
                return "must not contain U+0000";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode (unpaired surrogate at character " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode (unpaired surrogate at character " + i + ")";
            }
        }
        return null;
    }
}
