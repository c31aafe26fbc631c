package io.txgate.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The date part of the last day formatted: a batch's timestamps mostly share their day. */
    private record Day(long epochDay, char[] text) {}

    private static volatile Day lastDay = new Day(Long.MIN_VALUE, new char[0]);

    /**
     * Same text as {@link #FORMAT}, written by hand: it runs twice per stored transaction on the single writer thread,
     * where the general-purpose formatter cost about a microsecond each time.
     */
    static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) {
            return FORMAT.format(instant);
        }
        long epochDay = Math.floorDiv(second, 86_400);
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        Day day = lastDay;
        if (day.epochDay() != epochDay) {
            var date = LocalDate.ofEpochDay(epochDay);
            var dateText = new char[11];
            digits(dateText, 0, date.getYear(), 4);
            dateText[4] = '-';
            digits(dateText, 5, date.getMonthValue(), 2);
            dateText[7] = '-';
            digits(dateText, 8, date.getDayOfMonth(), 2);
            dateText[10] = 'T';
            day = new Day(epochDay, dateText);
            lastDay = day;
        }
        var text = new char[30];
        System.arraycopy(day.text(), 0, text, 0, 11);
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano(), 9);
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
