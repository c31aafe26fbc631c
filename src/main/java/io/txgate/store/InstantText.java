package io.txgate.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Stores instants as fixed-width UTC text with nanoseconds ({@code 2026-11-25T10:15:30.123000000Z}).
 *
 * <p>SQLite has no time type and its JDBC driver keeps only milliseconds; fixed width makes text order equal time
 * order, so range queries and the account index work on it.
 */
@Converter
class InstantText implements AttributeConverter<Instant, String> {

    static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final long MIN_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /**
     * Same text as {@link #FORMAT}, written by hand: it runs twice per stored transaction on the single writer thread,
     * where the general-purpose formatter cost about a microsecond each time.
     */
    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) {
            return FORMAT.format(instant);
        }
        var time = LocalDateTime.ofEpochSecond(second, instant.getNano(), ZoneOffset.UTC);
        var text = new char[30];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, time.getNano(), 9);
        text[29] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    public String convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : format(instant);
    }

    @Override
    public Instant convertToEntityAttribute(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
