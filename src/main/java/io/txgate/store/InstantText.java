package io.txgate.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
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

    static String format(Instant instant) {
        return FORMAT.format(instant);
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
