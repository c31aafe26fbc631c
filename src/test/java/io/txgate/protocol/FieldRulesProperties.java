package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written timestamp rule agrees with java.time's ISO parser on every RFC 3339-shaped string, and refuses
 * exactly the instants outside the listable range.
 */
class FieldRulesProperties {

    @Property(tries = 3000)
    void timestampRuleShouldAgreeWithJavaTime(@ForAll("rfc3339Shaped") String timestamp) {
        Instant reference = referenceInstant(timestamp);

        String problem = FieldRules.timestampProblem(timestamp);

        if (reference == null) {
            assertThat(problem).isEqualTo("not a real date-time: " + timestamp);
        } else if (reference.isBefore(FieldRules.EARLIEST_TIMESTAMP)
                || reference.isAfter(FieldRules.LATEST_TIMESTAMP)) {
            assertThat(problem).startsWith("is " + reference + " in UTC, outside ");
            assertThat(FieldRules.instant(timestamp)).isNull();
        } else {
            assertThat(problem).isNull();
            assertThat(FieldRules.instant(timestamp)).isEqualTo(reference);
        }
    }

    /** Strings of the accepted shape whose fields range past their limits, so real and unreal dates both come up. */
    @Provide
    Arbitrary<String> rfc3339Shaped() {
        Arbitrary<String> date = Combinators.combine(
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1900, 2100)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 9999))),
                        Arbitraries.integers().between(0, 13),
                        Arbitraries.integers().between(0, 32))
                .as((year, month, day) -> String.format("%04d-%02d-%02d", year, month, day));
        Arbitrary<String> time = Combinators.combine(
                        Arbitraries.integers().between(0, 25),
                        Arbitraries.integers().between(0, 61),
                        Arbitraries.integers().between(0, 61),
                        Arbitraries.strings().numeric().ofMaxLength(9))
                .as((hour, minute, second, fraction) -> String.format("%02d:%02d:%02d", hour, minute, second)
                        + (fraction.isEmpty() ? "" : "." + fraction));
        Arbitrary<String> offset = Arbitraries.oneOf(
                Arbitraries.of("Z", "z"),
                Combinators.combine(
                                Arbitraries.of("+", "-"),
                                Arbitraries.integers().between(0, 19),
                                Arbitraries.integers().between(0, 61))
                        .as((sign, hours, minutes) -> String.format("%s%02d:%02d", sign, hours, minutes)));
        return Combinators.combine(date, Arbitraries.of("T", "t"), time, offset).as((d, t, tm, o) -> d + t + tm + o);
    }

    private static Instant referenceInstant(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
