package io.txgate.protocol;

import static io.txgate.support.PropertyCheck.forAll;
import static io.txgate.support.RandomValues.digits;
import static io.txgate.support.RandomValues.intBetween;
import static io.txgate.support.RandomValues.oneOf;
import static io.txgate.support.RandomValues.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written timestamp rule agrees with java.time's ISO parser on every RFC 3339-shaped string, and refuses
 * exactly the instants outside the listable range.
 */
class FieldRulesPropertyTests {

    @Test
    void timestampRuleShouldAgreeWithJavaTime() {
        forAll(3000, FieldRulesPropertyTests::rfc3339Shaped, timestamp -> {
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
        });
    }

    /** Strings of the accepted shape whose fields range past their limits, so real and unreal dates both come up. */
    private static String rfc3339Shaped(Random random) {
        int year = weighted(random, 4, 1) == 0 ? intBetween(random, 1900, 2100) : intBetween(random, 0, 9999);
        String date = String.format("%04d-%02d-%02d", year, intBetween(random, 0, 13), intBetween(random, 0, 32));
        String fraction = digits(random, 0, 9);
        String time = String.format(
                        "%02d:%02d:%02d",
                        intBetween(random, 0, 25), intBetween(random, 0, 61), intBetween(random, 0, 61))
                + (fraction.isEmpty() ? "" : "." + fraction);
        String offset = random.nextBoolean()
                ? oneOf(random, "Z", "z")
                : String.format(
                        "%s%02d:%02d", oneOf(random, "+", "-"), intBetween(random, 0, 19), intBetween(random, 0, 61));
        return date + oneOf(random, "T", "t") + time + offset;
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
