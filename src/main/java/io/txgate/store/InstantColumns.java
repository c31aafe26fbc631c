package io.txgate.store;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JdbcType;

/**
 * How an {@link Instant} attribute is written to and read from each database; {@link InstantTypeContributor} picks
 * one by dialect. Both replace Hibernate's default for instants ({@link SqlTypes#TIMESTAMP_UTC}), so entities and
 * queries are the same for every store, and query parameters compared with an instant column are bound the same way
 * as the column's values.
 */
abstract class InstantColumns implements JdbcType {

    /** The instant as this database stores it; null never reaches here. */
    abstract void write(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** The stored value, or null for SQL NULL. */
    abstract Instant read(ResultSet results, int index) throws SQLException;

    @Override
    public final int getDefaultSqlTypeCode() {
        return SqlTypes.TIMESTAMP_UTC;
    }

    @Override
    public final <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement statement, X value, int index, WrapperOptions options)
                    throws SQLException {
                write(statement, index, javaType.unwrap(value, Instant.class, options));
            }

            @Override
            protected void doBind(CallableStatement statement, X value, String name, WrapperOptions options) {
                throw new UnsupportedOperationException("txgate binds no named procedure parameters");
            }
        };
    }

    @Override
    public final <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
        return new BasicExtractor<>(javaType, this) {
            @Override
            protected X doExtract(ResultSet results, int index, WrapperOptions options) throws SQLException {
                return javaType.wrap(read(results, index), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, int index, WrapperOptions options) {
                throw new UnsupportedOperationException("txgate calls no stored procedures");
            }

            @Override
            protected X doExtract(CallableStatement statement, String name, WrapperOptions options) {
                throw new UnsupportedOperationException("txgate calls no stored procedures");
            }
        };
    }

    /**
     * SQLite: fixed-width UTC text with nanoseconds ({@code 2026-11-25T10:15:30.123000000Z}). SQLite has no time type
     * and its driver's timestamps keep only milliseconds; fixed width makes text order equal time order, so range
     * queries and the account index work on the text.
     */
    static final class SqliteText extends InstantColumns {

        static final SqliteText INSTANCE = new SqliteText();

        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
                .withZone(ZoneOffset.UTC);

        private static final long MIN_SECOND =
                Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        private static final long MAX_SECOND =
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

        /** The date part of the last day formatted: the timestamps of a group mostly share their day. */
        private record Day(long epochDay, char[] text) {}

        private static volatile Day lastDay = new Day(Long.MIN_VALUE, new char[0]);

        /**
         * Same text as {@link #FORMAT}, written by hand: it runs twice per stored transaction on the single writer
         * thread, where the general-purpose formatter cost about a microsecond each time (and computing the date from
         * the epoch day was still the writer's third-largest cost, hence the remembered day).
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
        public int getJdbcTypeCode() {
            return Types.VARCHAR;
        }

        @Override
        void write(PreparedStatement statement, int index, Instant instant) throws SQLException {
            statement.setString(index, format(instant));
        }

        @Override
        Instant read(ResultSet results, int index) throws SQLException {
            String text = results.getString(index);
            return text == null ? null : Instant.parse(text);
        }
    }

    /**
     * PostgreSQL: {@code timestamptz}, which keeps microseconds. The rest is cut off here rather than rounded by the
     * driver, so a stored instant never moves past a later bound: with microsecond (or coarser) query bounds, a
     * truncated value falls in a range exactly when the sent value does. Values go through {@code java.time} both ways
     * (not {@code java.sql.Timestamp}, whose Julian calendar shifts dates before 1582).
     */
    static final class PostgresTimestamptz extends InstantColumns {

        static final PostgresTimestamptz INSTANCE = new PostgresTimestamptz();

        @Override
        public int getJdbcTypeCode() {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        }

        static OffsetDateTime toColumn(Instant instant) {
            return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        }

        @Override
        void write(PreparedStatement statement, int index, Instant instant) throws SQLException {
            statement.setObject(index, toColumn(instant));
        }

        @Override
        Instant read(ResultSet results, int index) throws SQLException {
            OffsetDateTime value = results.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
