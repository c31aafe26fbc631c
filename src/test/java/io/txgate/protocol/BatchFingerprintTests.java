package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchFingerprintTests {

    private final BatchParser parser = new BatchParser(1000, 1 << 20);

    @ParameterizedTest
    @ValueSource(strings = {"\"12.5\"", "\"12.50\"", "12.50", "12.5", "\"12.500000\"", "\"0012.5\""})
    void amountsWhenEqualAsNumbersShouldGiveTheSameFingerprint(String amount) {
        assertThat(fingerprint(tx("t1", amount, "2026-11-25T10:15:30Z", "\"coffee\"")))
                .isEqualTo(fingerprint(tx("t1", "\"12.5\"", "2026-11-25T10:15:30Z", "\"coffee\"")));
    }

    @Test
    void zeroWhenSignedShouldEqualZero() {
        assertThat(fingerprint(tx("t1", "\"-0.00\"", "2026-11-25T10:15:30Z", null)))
                .isEqualTo(fingerprint(tx("t1", "0", "2026-11-25T10:15:30Z", null)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-25T10:15:30Z",
                "2026-11-25T11:15:30+01:00",
                "2026-11-25T10:15:30.000Z",
                "2026-11-25t10:15:30z",
                "2026-11-25T05:15:30-05:00"
            })
    void timestampsWhenTheSameInstantShouldGiveTheSameFingerprint(String timestamp) {
        assertThat(fingerprint(tx("t1", "\"1\"", timestamp, null)))
                .isEqualTo(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", null)));
    }

    @Test
    void transactionsWhenInAnotherOrderShouldDiffer() {
        String a = tx("a", "\"1\"", "2026-11-25T10:15:30Z", null);
        String b = tx("b", "\"1\"", "2026-11-25T10:15:30Z", null);

        assertThat(fingerprint(a, b)).isNotEqualTo(fingerprint(b, a));
    }

    @Test
    void descriptionWhenDifferentShouldDiffer() {
        assertThat(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", "\"coffee\"")))
                .isNotEqualTo(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", "\"Coffee\"")));
    }

    @Test
    void descriptionWhenAbsentOrEmptyShouldDiffer() {
        assertThat(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", null)))
                .isNotEqualTo(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", "\"\"")));
    }

    @Test
    void descriptionWhenAbsentOrNullShouldBeTheSame() {
        assertThat(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", null)))
                .isEqualTo(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", "null")));
    }

    @Test
    void descriptionWhenAbsentOrHoldingTheAbsentMarkerShouldDiffer() {
        // Control characters are valid description text; none of them may stand in for "no description".
        for (char c = 1; c < 0x20; c++) {
            String escaped = String.format("\"\\u%04x\"", (int) c);

            assertThat(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", escaped)))
                    .as("description U+%04X", (int) c)
                    .isNotEqualTo(fingerprint(tx("t1", "\"1\"", "2026-11-25T10:15:30Z", null)));
        }
    }

    @Test
    void descriptionWhenHoldingARecordSeparatorShouldNotMimicTwoTransactions() {
        var one = new Batch("b", List.of(tx("a", "x\u001e")));
        var two = new Batch("b", List.of(tx("a", "x"), tx("a", "x")));

        assertThat(BatchFingerprint.of(one)).isNotEqualTo(BatchFingerprint.of(two));
    }

    @Test
    void fieldsWhenTheirBoundaryMovesShouldDiffer() {
        var left = new Batch("b", List.of(new Transaction("ab", "c", BigDecimal.ONE, "EUR", Instant.EPOCH, null)));
        var right = new Batch("b", List.of(new Transaction("a", "bc", BigDecimal.ONE, "EUR", Instant.EPOCH, null)));

        assertThat(BatchFingerprint.of(left)).isNotEqualTo(BatchFingerprint.of(right));
    }

    @Test
    void anyFieldWhenChangedShouldChangeTheFingerprint() {
        var base = new Transaction("t1", "A", new BigDecimal("1.5"), "EUR", Instant.EPOCH, "d");
        String fingerprint = BatchFingerprint.of(new Batch("b", List.of(base)));

        List<Transaction> changed = List.of(
                new Transaction("t2", "A", new BigDecimal("1.5"), "EUR", Instant.EPOCH, "d"),
                new Transaction("t1", "B", new BigDecimal("1.5"), "EUR", Instant.EPOCH, "d"),
                new Transaction("t1", "A", new BigDecimal("-1.5"), "EUR", Instant.EPOCH, "d"),
                new Transaction("t1", "A", new BigDecimal("15"), "EUR", Instant.EPOCH, "d"),
                new Transaction("t1", "A", new BigDecimal("1.5"), "USD", Instant.EPOCH, "d"),
                new Transaction("t1", "A", new BigDecimal("1.5"), "EUR", Instant.EPOCH.plusNanos(1), "d"),
                new Transaction("t1", "A", new BigDecimal("1.5"), "EUR", Instant.EPOCH, "d "));
        for (Transaction other : changed) {
            assertThat(BatchFingerprint.of(new Batch("b", List.of(other))))
                    .as("%s", other)
                    .isNotEqualTo(fingerprint);
        }
        assertThat(BatchFingerprint.of(new Batch("b", List.of(base, base)))).isNotEqualTo(fingerprint);
    }

    @Test
    void batchIdWhenDifferentShouldNotMatterBecauseOnlyContentIsCompared() {
        var tx = new Transaction("t1", "A", BigDecimal.TEN, "EUR", Instant.EPOCH, null);

        assertThat(BatchFingerprint.of(new Batch("b1", List.of(tx))))
                .isEqualTo(BatchFingerprint.of(new Batch("b2", List.of(tx))))
                .matches("[0-9a-f]{64}");
    }

    private static Transaction tx(String id, String description) {
        return new Transaction(id, "A", BigDecimal.ONE, "EUR", Instant.EPOCH, description);
    }

    private static String tx(String id, String amountJson, String timestamp, String descriptionJson) {
        return "{\"id\":\"" + id + "\",\"account\":\"ACC-1\",\"amount\":" + amountJson
                + ",\"currency\":\"EUR\",\"timestamp\":\"" + timestamp + "\""
                + (descriptionJson == null ? "" : ",\"description\":" + descriptionJson) + "}";
    }

    private String fingerprint(String... transactions) {
        String body = "{\"batchId\":\"b1\",\"transactions\":[" + String.join(",", transactions) + "]}";
        ParseResult result = parser.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return BatchFingerprint.of(((ParseResult.Valid) result).batch());
    }
}
