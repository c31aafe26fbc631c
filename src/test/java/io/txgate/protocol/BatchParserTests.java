package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of PROTOCOL.md's request table, and what the parser does with bytes that are not a batch at all. */
class BatchParserTests {

    private static final int MAX_BODY = 1 << 20;

    private final BatchParser parser = new BatchParser(1000, MAX_BODY);

    @Nested
    class BatchId {

        @Test
        void batchIdWhenMissingShouldBeRequired() {
            assertInvalid("{\"transactions\":[" + tx() + "]}", null, "batchId: required");
        }

        @Test
        void batchIdWhenNullShouldBeRequired() {
            assertInvalid(batchRaw("null", "[" + tx() + "]"), null, "batchId: required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "true", "[]", "{}", "[\"b1\"]", "{\"id\":\"b1\"}"})
        void batchIdWhenNotAStringShouldBeInvalid(String raw) {
            assertInvalid(batchRaw(raw, "[" + tx() + "]"), null, "batchId: must be a string");
        }

        @Test
        void batchIdWhenEmptyShouldBeInvalid() {
            assertInvalid(batch("", tx()), null, "batchId: must be 1-64 characters long");
        }

        @Test
        void batchIdWhen64CharactersShouldBeValid() {
            String id = "b".repeat(64);

            assertThat(valid(batch(id, tx())).batchId()).isEqualTo(id);
        }

        @Test
        void batchIdWhen65CharactersShouldBeInvalid() {
            assertInvalid(batch("b".repeat(65), tx()), null, "batchId: must be 1-64 characters long");
        }

        @Test
        void batchIdWhenUsingEveryAllowedCharacterShouldBeValid() {
            String id = "ABCXYZ.abcxyz_0189:-";

            assertThat(valid(batch(id, tx())).batchId()).isEqualTo(id);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "a/b", "a+b", "a#b", "a@b", "a,b", "é", "a\\u00e9", "😀", "a\\u0000b", "a\\nb"})
        void batchIdWhenHoldingOtherCharactersShouldBeInvalid(String id) {
            assertInvalid(batch(id, tx()), null, "batchId: may only hold A-Z a-z 0-9 . _ : -");
        }

        @Test
        void batchIdWhenValidShouldBeEchoedEvenIfItComesAfterTheFailingField() {
            String body = "{\"transactions\":[" + tx("currency", "\"eur\"") + "],\"batchId\":\"late-1\"}";

            assertInvalid(body, "late-1", "transactions[0].currency: must be 3 upper-case letters");
        }

        @Test
        void batchIdWhenInvalidShouldBeReportedBeforeTransactionErrors() {
            String body = "{\"transactions\":[" + tx("currency", "\"eur\"") + "],\"batchId\":\"bad id\"}";

            assertInvalid(body, null, "batchId: may only hold A-Z a-z 0-9 . _ : -");
        }
    }

    @Nested
    class Transactions {

        @Test
        void transactionsWhenMissingShouldBeRequired() {
            assertInvalid("{\"batchId\":\"b1\"}", "b1", "transactions: required");
        }

        @Test
        void transactionsWhenNullShouldBeRequired() {
            assertInvalid(batchRaw("\"b1\"", "null"), "b1", "transactions: required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "\"t1\"", "true", "{}", "{\"0\":{}}"})
        void transactionsWhenNotAnArrayShouldBeInvalid(String raw) {
            assertInvalid(batchRaw("\"b1\"", raw), "b1", "transactions: must be an array");
        }

        @Test
        void transactionsWhenEmptyShouldBeInvalid() {
            assertInvalid(batchRaw("\"b1\"", "[]"), "b1", "transactions: must hold at least 1 item");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "\"t1\"", "null", "[]", "true"})
        void transactionWhenNotAnObjectShouldBeInvalid(String raw) {
            assertInvalid(batchRaw("\"b1\"", "[" + tx() + "," + raw + "]"), "b1", "transactions[1]: must be an object");
        }

        @Test
        void transactionsWhenAtTheMaximumShouldBeValid() {
            var small = new BatchParser(3, MAX_BODY);

            var result = small.parse(bytes(batch("b1", tx("id", "\"a\""), tx("id", "\"b\""), tx("id", "\"c\""))));

            assertThat(result).isInstanceOf(ParseResult.Valid.class);
        }

        @Test
        void transactionsWhenOverTheMaximumShouldBeTooLarge() {
            var small = new BatchParser(3, MAX_BODY);
            String body = batch("b1", tx("id", "\"a\""), tx("id", "\"b\""), tx("id", "\"c\""), tx("id", "\"d\""));

            assertThat(small.parse(bytes(body)))
                    .isEqualTo(new ParseResult.Invalid("b1", ErrorCode.TOO_LARGE, "transactions: more than 3 items"));
        }

        @Test
        void transactionsWhenOverTheDefaultMaximumShouldBeTooLarge() {
            var items = new StringJoiner(",", "[", "]");
            for (int i = 0; i < 1001; i++) {
                items.add(tx("id", "\"t" + i + "\""));
            }
            String thousand = items.toString().replace("," + tx("id", "\"t1000\""), "");

            assertThat(valid(batchRaw("\"b1\"", thousand)).count()).isEqualTo(1000);
            assertThat(parser.parse(bytes(batchRaw("\"b1\"", items.toString()))))
                    .isEqualTo(
                            new ParseResult.Invalid("b1", ErrorCode.TOO_LARGE, "transactions: more than 1000 items"));
        }

        @Test
        void transactionsWhenOverTheMaximumShouldBeTooLargeEvenIfAnEarlierItemIsInvalid() {
            var small = new BatchParser(2, MAX_BODY);
            String body = batch("b1", tx("amount", "\"x\""), tx("id", "\"b\""), tx("id", "\"c\""));

            assertThat(small.parse(bytes(body)))
                    .isEqualTo(new ParseResult.Invalid("b1", ErrorCode.TOO_LARGE, "transactions: more than 2 items"));
        }

        @Test
        void transactionsWhenOverTheMaximumWithBrokenJsonLaterShouldBeMalformed() {
            var small = new BatchParser(1, MAX_BODY);
            String body = "{\"batchId\":\"b1\",\"transactions\":[" + tx() + "," + tx("id", "\"b\"") + ",{]}";

            assertThat(small.parse(bytes(body)))
                    .isInstanceOfSatisfying(
                            ParseResult.Invalid.class,
                            invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.MALFORMED));
        }

        @Test
        void idsWhenDuplicatedShouldNameTheLaterOne() {
            String body = batch("b1", tx("id", "\"t1\""), tx("id", "\"t2\""), tx("id", "\"t1\""));

            assertInvalid(body, "b1", "transactions[2].id: duplicate of transactions[0].id");
        }

        @Test
        void idsWhenDifferingOnlyInCaseShouldBeDistinct() {
            assertThat(valid(batch("b1", tx("id", "\"t1\""), tx("id", "\"T1\"")))
                            .count())
                    .isEqualTo(2);
        }

        @Test
        void failingTransactionWhenNotTheFirstShouldBeNamedByIndex() {
            String body = batch(
                    "b1",
                    tx("id", "\"a\""),
                    tx("id", "\"b\""),
                    tx("id", "\"c\""),
                    fields(Map.of("id", "\"d\"", "amount", "\"12.5.0\"")),
                    tx("id", "\"e\"", "currency", "\"x\""));

            assertThat(invalid(body).message()).startsWith("transactions[3].amount: ");
        }

        @Test
        void fieldsWhenSeveralFailShouldReportTheFirstInProtocolOrder() {
            // amount comes first in the document but id comes first in PROTOCOL.md's table
            String tx = "{\"amount\":true,\"currency\":5,\"id\":\"bad id\",\"account\":\"A\","
                    + "\"timestamp\":\"2026-11-25T10:15:30Z\"}";

            assertInvalid(batch("b1", tx), "b1", "transactions[0].id: may only hold A-Z a-z 0-9 . _ : -");
        }

        @Test
        void typeErrorWhenLaterInProtocolOrderShouldNotHideAnEarlierFieldError() {
            String tx = tx("description", "42").replace("\"ACC-1001\"", "\"\"");

            assertInvalid(batch("b1", tx), "b1", "transactions[0].account: must be 1-64 characters long");
        }
    }

    @Nested
    class Identifiers {

        @ParameterizedTest
        @ValueSource(strings = {"id", "account"})
        void identifierWhenMissingShouldBeRequired(String field) {
            assertInvalid(batch("b1", tx(field, null)), "b1", "transactions[0]." + field + ": required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "account"})
        void identifierWhenNullShouldBeRequired(String field) {
            assertInvalid(batch("b1", tx(field, "null")), "b1", "transactions[0]." + field + ": required");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                id      | 7
                id      | {}
                account | 1001
                account | ["ACC"]
                account | false
                """)
        void identifierWhenNotAStringShouldBeInvalid(String field, String raw) {
            assertInvalid(batch("b1", tx(field, raw)), "b1", "transactions[0]." + field + ": must be a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "account"})
        void identifierWhenEmptyOr65CharactersShouldBeInvalid(String field) {
            String message = "transactions[0]." + field + ": must be 1-64 characters long";

            assertInvalid(batch("b1", tx(field, "\"\"")), "b1", message);
            assertInvalid(batch("b1", tx(field, "\"" + "x".repeat(65) + "\"")), "b1", message);
        }

        @ParameterizedTest
        @ValueSource(strings = {"id", "account"})
        void identifierWhen64CharactersShouldBeValid(String field) {
            String value = "Az09._:-".repeat(8);

            Transaction tx = valid(batch("b1", tx(field, "\"" + value + "\"")))
                    .transactions()
                    .get(0);

            assertThat(field.equals("id") ? tx.id() : tx.account()).isEqualTo(value);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                id      | "t 1"
                id      | "t/1"
                account | "ACC 1"
                account | "ACC#1"
                account | "ÄCC"
                account | "ACC\\t1"
                """)
        void identifierWhenHoldingOtherCharactersShouldBeInvalid(String field, String raw) {
            assertInvalid(
                    batch("b1", tx(field, raw)),
                    "b1",
                    "transactions[0]." + field + ": may only hold A-Z a-z 0-9 . _ : -");
        }
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"0\"",
                    "\"-0\"",
                    "\"12.50\"",
                    "\"-12.5\"",
                    "\"123456789012345678\"",
                    "\"0.123456\"",
                    "\"-123456789012345678.123456\"",
                    "12.50",
                    "-3",
                    "0",
                    "123456789012345678.123456",
                    "-123456789012345678.123456"
                })
        void amountWhenAllowedShouldBeKeptExactlyAsWritten(String raw) {
            BigDecimal amount =
                    valid(batch("b1", tx("amount", raw))).transactions().get(0).amount();

            String text = raw.replace("\"", "");
            assertThat(amount).isEqualTo(new BigDecimal(text));
            assertThat(amount.toPlainString()).isEqualTo(text.equals("-0") ? "0" : text);
        }

        @Test
        void amountWhenMostPreciseShouldRoundTripUnchanged() {
            BigDecimal amount = valid(batch("b1", tx("amount", "\"-123456789012345678.123456\"")))
                    .transactions()
                    .get(0)
                    .amount();

            assertThat(amount.precision()).isEqualTo(24);
            assertThat(amount.scale()).isEqualTo(6);
            assertThat(amount.toPlainString()).isEqualTo("-123456789012345678.123456");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1234567890123456789\"", "1234567890123456789", "\"-1234567890123456789.5\""})
        void amountWhen19IntegerDigitsShouldBeInvalid(String raw) {
            assertInvalid(batch("b1", tx("amount", raw)), "b1", "transactions[0].amount: at most 18 integer digits");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"0.1234567\"", "0.1234567", "\"-1.0000000\""})
        void amountWhen7FractionDigitsShouldBeInvalid(String raw) {
            assertInvalid(batch("b1", tx("amount", raw)), "b1", "transactions[0].amount: at most 6 fraction digits");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"1e5\"",
                    "1e5",
                    "1E5",
                    "1.5e3",
                    "-1E-2",
                    "1e999999",
                    "\"1e999999\"",
                    "\"NaN\"",
                    "\"Infinity\"",
                    "\"-Infinity\"",
                    "\"1.\"",
                    "\".5\"",
                    "\"+1\"",
                    "\"--1\"",
                    "\" 1\"",
                    "\"1 \"",
                    "\"\"",
                    "\"-\"",
                    "\"1,5\"",
                    "\"0x10\"",
                    "\"١\"",
                    "\"12.5.0\""
                })
        void amountWhenNotAPlainDecimalShouldBeInvalid(String raw) {
            assertInvalid(
                    batch("b1", tx("amount", raw)),
                    "b1",
                    "transactions[0].amount: must be a decimal such as 12.50 or -3 (digits, optional leading '-',"
                            + " optional '.' and fraction digits, no exponent)");
        }

        @Test
        void amountWhenHugeNumberShouldBeInvalidNotACrash() {
            String digits = "9".repeat(100_000);

            assertThat(invalid(batch("b1", tx("amount", digits))).message())
                    .isEqualTo("transactions[0].amount: at most 18 integer digits");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", ".5", "1.", "+1", "01"})
        void amountWhenNotAJsonNumberShouldBeMalformed(String raw) {
            var invalid = invalid(batch("b1", tx("amount", raw)));

            assertThat(invalid.code()).isEqualTo(ErrorCode.MALFORMED);
            assertThat(invalid.message()).startsWith("not valid JSON: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "[]", "{}", "[\"1\"]"})
        void amountWhenNeitherStringNorNumberShouldBeInvalid(String raw) {
            assertInvalid(
                    batch("b1", tx("amount", raw)), "b1", "transactions[0].amount: must be a decimal string or number");
        }

        @Test
        void amountWhenMissingOrNullShouldBeRequired() {
            assertInvalid(batch("b1", tx("amount", null)), "b1", "transactions[0].amount: required");
            assertInvalid(batch("b1", tx("amount", "null")), "b1", "transactions[0].amount: required");
        }
    }

    @Nested
    class Currencies {

        @ParameterizedTest
        @ValueSource(strings = {"EUR", "USD", "XAU"})
        void currencyWhenThreeUpperCaseLettersShouldBeValid(String currency) {
            assertThat(valid(batch("b1", tx("currency", "\"" + currency + "\"")))
                            .transactions()
                            .get(0)
                            .currency())
                    .isEqualTo(currency);
        }

        @ParameterizedTest
        @ValueSource(strings = {"eur", "Eur", "EUr", "EU", "EURO", "", "E1R", "ÄUR", "E R", " EUR"})
        void currencyWhenNotThreeUpperCaseLettersShouldBeInvalid(String currency) {
            assertInvalid(
                    batch("b1", tx("currency", "\"" + currency + "\"")),
                    "b1",
                    "transactions[0].currency: must be 3 upper-case letters");
        }

        @Test
        void currencyWhenMissingNullOrNotAStringShouldBeInvalid() {
            assertInvalid(batch("b1", tx("currency", null)), "b1", "transactions[0].currency: required");
            assertInvalid(batch("b1", tx("currency", "null")), "b1", "transactions[0].currency: required");
            assertInvalid(batch("b1", tx("currency", "978")), "b1", "transactions[0].currency: must be a string");
        }
    }

    @Nested
    class Timestamps {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                2026-11-25T10:15:30Z             | 2026-11-25T10:15:30Z
                2026-11-25T10:15:30.123Z         | 2026-11-25T10:15:30.123Z
                2026-11-25T10:15:30.123456789Z   | 2026-11-25T10:15:30.123456789Z
                2026-11-25T11:15:30+01:00        | 2026-11-25T10:15:30Z
                2026-11-25T05:15:30.5-05:00      | 2026-11-25T10:15:30.500Z
                2026-11-25T10:15:30-00:00        | 2026-11-25T10:15:30Z
                2026-11-25t10:15:30z             | 2026-11-25T10:15:30Z
                2026-11-25t11:15:30+01:00        | 2026-11-25T10:15:30Z
                2024-02-29T00:00:00Z             | 2024-02-29T00:00:00Z
                2026-11-25T23:59:59+14:00        | 2026-11-25T09:59:59Z
                """)
        void timestampWhenRfc3339WithOffsetShouldBeStoredAsUtcInstant(String sent, String instant) {
            assertThat(valid(batch("b1", tx("timestamp", "\"" + sent + "\"")))
                            .transactions()
                            .get(0)
                            .timestamp())
                    .isEqualTo(Instant.parse(instant));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2026-11-25T10:15:30",
                    "2026-11-25T10:15:30.123",
                    "2026-11-25 10:15:30Z",
                    "2026-11-25",
                    "2026-11-25T10:15Z",
                    "2026-11-25T10:15:30+0100",
                    "2026-11-25T10:15:30+01",
                    "2026-11-25T10:15:30.Z",
                    "2026-11-25T10:15:30.1234567891Z",
                    "2026-11-25T10:15:30UTC",
                    "2026-11-25T10:15:30Z[Europe/Paris]",
                    "26-11-25T10:15:30Z",
                    "+2026-11-25T10:15:30Z",
                    "1764065730",
                    "",
                    "Wed, 25 Nov 2026 10:15:30 GMT"
                })
        void timestampWhenNotRfc3339WithOffsetShouldBeInvalid(String sent) {
            assertInvalid(
                    batch("b1", tx("timestamp", "\"" + sent + "\"")),
                    "b1",
                    "transactions[0].timestamp: must be an RFC 3339 date-time with offset, such as"
                            + " 2026-11-25T10:15:30.123Z");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2026-02-30T10:00:00Z",
                    "2026-02-29T10:00:00Z",
                    "2026-13-01T00:00:00Z",
                    "2026-00-10T00:00:00Z",
                    "2026-11-31T00:00:00Z",
                    "2026-11-25T24:00:00Z",
                    "2026-11-25T10:60:00Z",
                    "2026-11-25T10:15:60Z",
                    "2026-11-25T10:15:30+19:00",
                    "2026-11-25T10:15:30+01:60"
                })
        void timestampWhenNotARealDateTimeShouldBeInvalid(String sent) {
            assertInvalid(
                    batch("b1", tx("timestamp", "\"" + sent + "\"")),
                    "b1",
                    "transactions[0].timestamp: not a real date-time: " + sent);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                0001-01-01T00:00:00Z                | 0001-01-01T00:00:00Z
                0001-01-01T00:30:00-01:00           | 0001-01-01T01:30:00Z
                9999-12-31T23:59:59.999999999Z      | 9999-12-31T23:59:59.999999999Z
                9999-12-31T23:30:00+01:00           | 9999-12-31T22:30:00Z
                """)
        void timestampWhenAtTheEdgesOfTheListableRangeShouldBeStored(String sent, String instant) {
            assertThat(valid(batch("b1", tx("timestamp", "\"" + sent + "\"")))
                            .transactions()
                            .get(0)
                            .timestamp())
                    .isEqualTo(Instant.parse(instant));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                0001-01-01T00:30:00+01:00           | 0000-12-31T23:30:00Z
                0000-06-01T00:00:00Z                | 0000-06-01T00:00:00Z
                9999-12-31T23:30:00-01:00           | +10000-01-01T00:30:00Z
                9999-12-31T23:59:59.999999999-00:01 | +10000-01-01T00:00:59.999999999Z
                """)
        void timestampWhenOutsideTheListableRangeInUtcShouldBeInvalid(String sent, String utc) {
            assertInvalid(
                    batch("b1", tx("timestamp", "\"" + sent + "\"")),
                    "b1",
                    "transactions[0].timestamp: is " + utc
                            + " in UTC, outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z");
        }

        @Test
        void timestampWhenMissingNullOrNumberShouldBeInvalid() {
            assertInvalid(batch("b1", tx("timestamp", null)), "b1", "transactions[0].timestamp: required");
            assertInvalid(batch("b1", tx("timestamp", "null")), "b1", "transactions[0].timestamp: required");
            assertInvalid(
                    batch("b1", tx("timestamp", "1764065730")), "b1", "transactions[0].timestamp: must be a string");
        }
    }

    @Nested
    class Descriptions {

        @Test
        void descriptionWhenAbsentOrNullShouldBeNull() {
            assertThat(description(tx("description", null))).isNull();
            assertThat(description(tx("description", "null"))).isNull();
        }

        @Test
        void descriptionWhenEmptyShouldBeKeptEmpty() {
            assertThat(description(tx("description", "\"\""))).isEmpty();
        }

        @Test
        void descriptionWhen256CharactersShouldBeValid() {
            assertThat(description(tx("description", "\"" + "d".repeat(256) + "\"")))
                    .hasSize(256);
        }

        @Test
        void descriptionWhen257CharactersShouldBeInvalid() {
            assertInvalid(
                    batch("b1", tx("description", "\"" + "d".repeat(257) + "\"")),
                    "b1",
                    "transactions[0].description: at most 256 characters");
        }

        @Test
        void descriptionWhen256EmojiShouldBeValidBecauseCharactersAreCodePoints() {
            String emoji = "😀".repeat(256);

            assertThat(description(tx("description", "\"" + emoji + "\""))).isEqualTo(emoji);
        }

        @Test
        void descriptionWhen255LettersAndOneEmojiShouldBeValid() {
            String text = "d".repeat(255) + "😀";

            assertThat(description(tx("description", "\"" + text + "\""))).isEqualTo(text);
        }

        @Test
        void descriptionWhen257EmojiShouldBeInvalid() {
            assertInvalid(
                    batch("b1", tx("description", "\"" + "😀".repeat(257) + "\"")),
                    "b1",
                    "transactions[0].description: at most 256 characters");
        }

        @Test
        void descriptionWhenEscapedSurrogatePairShouldBeTheEmoji() {
            assertThat(description(tx("description", "\"\\ud83d\\ude00\""))).isEqualTo("😀");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                "\\ud800"        | 0
                "ab\\udc00"      | 2
                "\\ude00\\ud83d" | 0
                "x\\ud83dy"      | 1
                """)
        void descriptionWhenHoldingAnUnpairedSurrogateShouldBeInvalid(String raw, int at) {
            assertInvalid(
                    batch("b1", tx("description", raw)),
                    "b1",
                    "transactions[0].description: must be valid Unicode (unpaired surrogate at character " + at + ")");
        }

        @Test
        void descriptionWhenHoldingNulShouldBeInvalid() {
            assertInvalid(
                    batch("b1", tx("description", "\"a\\u0000b\"")),
                    "b1",
                    "transactions[0].description: must not contain U+0000");
        }

        @Test
        void descriptionWhenHoldingQuotesEscapesAndSqlShouldBeKeptExactly() {
            String raw = "\"Robert'); DROP TABLE transactions;-- \\\"quoted\\\" \\\\ \\n\\t\\u0001 €\"";

            assertThat(description(tx("description", raw)))
                    .isEqualTo("Robert'); DROP TABLE transactions;-- \"quoted\" \\ \n\t\u0001 €");
        }

        @Test
        void descriptionWhenNotAStringShouldBeInvalid() {
            assertInvalid(batch("b1", tx("description", "42")), "b1", "transactions[0].description: must be a string");
            assertInvalid(
                    batch("b1", tx("description", "[\"x\"]")), "b1", "transactions[0].description: must be a string");
        }

        @Test
        void descriptionWhenAboutOneMebibyteShouldBeInvalidNotMalformed() {
            String huge = "d".repeat(MAX_BODY - 300);

            assertInvalid(
                    batch("b1", tx("description", "\"" + huge + "\"")),
                    "b1",
                    "transactions[0].description: at most 256 characters");
        }

        private String description(String tx) {
            return valid(batch("b1", tx)).transactions().get(0).description();
        }
    }

    @Nested
    class UnknownFields {

        @Test
        void unknownFieldsWhenAtAnyLevelShouldBeIgnored() {
            String tx = tx("note", "{\"x\":[1,2,{\"y\":null,\"z\":{\"w\":[[],{}]}}],\"amount\":\"not ours\"}");
            String body = "{\"version\":2,\"meta\":{\"batchId\":\"other\",\"transactions\":[]},\"batchId\":\"b1\","
                    + "\"transactions\":[" + tx + "],\"extra\":[true,false,null,1.5e300]}";

            Batch batch = valid(body);

            assertThat(batch.batchId()).isEqualTo("b1");
            assertThat(batch.transactions()).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo("t1");
                assertThat(t.amount()).isEqualByComparingTo("12.50");
            });
        }

        @Test
        void unknownFieldWhenNameIsVeryLongShouldBeIgnored() {
            String body = "{\"" + "n".repeat(100_000) + "\":1,\"batchId\":\"b1\",\"transactions\":[" + tx() + "]}";

            assertThat(valid(body).batchId()).isEqualTo("b1");
        }

        @Test
        void unknownFieldWhenHoldingAboutOneMebibyteStringShouldBeIgnored() {
            String body = "{\"batchId\":\"b1\",\"blob\":\"" + "x".repeat(MAX_BODY - 400) + "\",\"transactions\":["
                    + tx() + "]}";

            assertThat(body.length()).isLessThanOrEqualTo(MAX_BODY);
            assertThat(valid(body).count()).isEqualTo(1);
        }
    }

    @Nested
    class Malformed {

        @Test
        void bodyWhenEmptyShouldBeMalformed() {
            assertMalformed(new byte[0], null);
        }

        @Test
        void tokenWhenUnparseableShouldBeDescribedByLengthNotQuoted() {
            ParseResult.Invalid result = invalid("{\"batchId\":\"b1\",\"account\":ACC-4711-SECRET}");

            assertThat(result.code()).isEqualTo(ErrorCode.MALFORMED);
            assertThat(result.message())
                    .isEqualTo("not valid JSON: unrecognized word of 3 characters where a value should be"
                            + " (at byte 26 in account)")
                    .doesNotContain("SECRET")
                    .doesNotContain("ACC-4711");
        }

        /** Each kind of syntax error in our words, with the byte offset and the path of the field being read. */
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "{\"batchId\":\"b1\",\"transactions\":[1}"
                            + "| '}' where ']' should close the array (at byte 33 in transactions[0])",
                    "{\"batchId\":\"b1\"]| ']' where '}' should close the object (at byte 15 in batchId)",
                    "]| ']' closes nothing (at byte 0)",
                    "{\"batchId\":\"b1\",\"transactions\":[| frame ends before the array is closed (at byte 32 in"
                            + " transactions)",
                    "{\"batchId\":\"b1| frame ends inside a string (at byte 14 in batchId)",
                    "{\"batchId\":\"b1\",\"trans| frame ends inside a key (at byte 22 in batchId)",
                    "{\"batchId\":\"b1\",\"n\":-| frame ends inside a number (at byte 21 in n)",
                    "{\"batchId\":\"b1\" \"n\":1}| unexpected character '\"' where ',' or '}' should be (at byte 16"
                            + " in batchId)",
                    "{\"batchId\" \"b1\"}| unexpected character '\"' where ':' should follow a key (at byte 11 in"
                            + " batchId)",
                    "{\"batchId\":\"b1\",n:1}| unexpected character 'n' where a quoted key should be (at byte 16 in"
                            + " batchId)",
                    "{\"batchId\":\"b1\",\"n\":[1 2]}| unexpected character '2' where ',' or ']' should be (at byte"
                            + " 23 in n[1])",
                    "{\"batchId\":\"b1\",\"n\":/* x */1}| unexpected character '/': comments are not allowed (at byte"
                            + " 20 in n)",
                    "{\"batchId\":\"b1\",\"n\":\"caf\u00e9\"x}| unexpected character 'x' where ',' or '}' should be (at"
                            + " byte 27 in n)",
                    "{\"batchId\":'b1'}| unexpected character U+0027 where a value should be (at byte 11 in batchId)",
                    "{\"batchId\":\"b\\m\"}| unknown escape sequence '\\m' (at byte 14 in batchId)",
                    "{\"batchId\":\"b\\u12x4\"}| \\u escape needs 4 hex digits (at byte 17 in batchId)",
                    "{\"batchId\":\"b1\",\"n\":01}| number with a leading zero (at byte 21 in n)",
                    "{\"batchId\":\"b1\",\"n\":+1}| number with a '+' sign (at byte 21 in n)",
                    "{\"batchId\":\"b1\",\"n\":1.}| number without a digit after its '.' (at byte 21 in n)",
                    "{\"batchId\":\"b1\",\"n\":1e}| number without a digit after its exponent (at byte 21 in n)",
                    "{\"batchId\":\"b1\",\"n\":-x}| '-' not followed by a digit (at byte 21 in n)",
                    "{\"batchId\":\"b1\",\"n\":-Infinity}| -Infinity is not a JSON value (at byte 29 in n)",
                })
        void syntaxErrorWhenOfAKnownKindShouldBeNamedInOurWordsWithItsPlace(String body, String message) {
            assertThat(invalid(body).message()).isEqualTo("not valid JSON: " + message.strip());
        }

        @Test
        void controlCharactersShouldBeNamedByCodePoint() {
            assertThat(invalid("{\"batchId\":\"b\u0001\"}").message())
                    .isEqualTo("not valid JSON: control character U+0001 must be escaped inside a string"
                            + " (at byte 13 in batchId)");
            assertThat(invalid("{\u0001\"batchId\":\"b1\"}").message())
                    .isEqualTo("not valid JSON: control character U+0001 outside a string (at byte 1)");
        }

        @Test
        void byteOffsetWhenMultiByteCharactersComeFirstShouldCountBytesNotCharacters() {
            // é is 2 bytes in UTF-8 and 😀 is 4 (two UTF-16 chars); the offset is the one a hex dump of the frame
            // shows.
            String body = "{\"batchId\":\"b1\",\"n\":\"é😀\"x}";

            assertThat(invalid(body).message())
                    .isEqualTo("not valid JSON: unexpected character 'x' where ',' or '}' should be (at byte 28 in n)");
            assertThat(invalid("\uFEFF" + body).message()).contains("(at byte 31 in n)");
        }

        @Test
        void keyWhenLongOrUnprintableShouldBeDescribedByLengthNotQuoted() {
            String key = "k".repeat(65);

            assertThat(invalid("{\"batchId\":\"b1\",\"" + key + "\":1,\"" + key + "\":2}")
                            .message())
                    .isEqualTo("not valid JSON: duplicate key of 65 characters (at byte 153)");
            assertThat(invalid("{\"batchId\":\"b1\",\"" + key + "\":[1}").message())
                    .isEqualTo("not valid JSON: '}' where ']' should close the array (at byte 86 in"
                            + " (key of 65 characters)[0])");
        }

        @ParameterizedTest
        @ValueSource(strings = {" ", "\t", "hello", "{", "}", "{\"batchId\":}", "{'batchId':'b1'}", "{batchId:\"b1\"}"})
        void bodyWhenNotJsonShouldBeMalformed(String body) {
            assertMalformed(bytes(body), null);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "[]",
                    "[{\"batchId\":\"b1\"}]",
                    "\"b1\"",
                    "42",
                    "-1.5",
                    "true",
                    "null",
                })
        void bodyWhenTopLevelIsNotAnObjectShouldBeMalformed(String body) {
            assertThat(invalid(body)).isEqualTo(malformed(null, "expected a JSON object (at byte 0)"));
        }

        @Test
        void bodyWhenTwoObjectsOnOneLineShouldBeMalformed() {
            String one = batch("b1", tx());

            int end = one.getBytes(StandardCharsets.UTF_8).length;
            assertThat(invalid(one + one))
                    .isEqualTo(malformed("b1", "expected exactly one JSON object (more at byte " + end + ")"));
            assertThat(invalid(one + " 7"))
                    .isEqualTo(malformed("b1", "expected exactly one JSON object (more at byte " + (end + 1) + ")"));
        }

        @ParameterizedTest
        @ValueSource(strings = {" x", ",", "]", "}", "/* comment */", "\u0000"})
        void bodyWhenGarbageFollowsTheObjectShouldBeMalformedAndEchoTheBatchId(String garbage) {
            var invalid = invalid(batch("b1", tx()) + garbage);

            assertThat(invalid.code()).isEqualTo(ErrorCode.MALFORMED);
            assertThat(invalid.batchId()).isEqualTo("b1");
            assertThat(invalid.message()).startsWith("not valid JSON: ");
        }

        @Test
        void bodyWhenSyntaxBreaksAfterAFieldErrorShouldBeMalformed() {
            String body = "{\"batchId\":\"b1\",\"transactions\":[" + tx("currency", "\"eur\"") + ",]}";

            assertThat(invalid(body).code()).isEqualTo(ErrorCode.MALFORMED);
        }

        @Test
        void trailingCommaWhenInObjectShouldBeMalformed() {
            assertThat(invalid("{\"batchId\":\"b1\",\"transactions\":[" + tx() + "],}")
                            .code())
                    .isEqualTo(ErrorCode.MALFORMED);
        }

        @Test
        void duplicateKeyWhenBatchIdShouldBeMalformedWithoutBatchId() {
            String body = "{\"batchId\":\"b1\",\"batchId\":\"b2\",\"transactions\":[" + tx() + "]}";

            assertThat(invalid(body))
                    .isEqualTo(malformed(null, "not valid JSON: duplicate key \"batchId\" (at byte 25)"));
        }

        @Test
        void duplicateKeyWhenInATransactionShouldBeMalformed() {
            String tx = tx().replace("{", "{\"amount\":\"1\",");

            assertThat(invalid(batch("b1", tx)))
                    .isEqualTo(malformed(
                            "b1", "not valid JSON: duplicate key \"amount\" (at byte 85 in transactions[0])"));
        }

        @Test
        void duplicateKeyWhenInsideAnUnknownFieldShouldBeMalformed() {
            String body = "{\"batchId\":\"b1\",\"x\":{\"a\":1,\"a\":2},\"transactions\":[" + tx() + "]}";

            assertThat(invalid(body))
                    .isEqualTo(malformed("b1", "not valid JSON: duplicate key \"a\" (at byte 30 in x)"));
        }

        @Test
        void duplicateKeyWhenTransactionsShouldBeMalformed() {
            String body = "{\"batchId\":\"b1\",\"transactions\":[" + tx() + "],\"transactions\":[" + tx() + "]}";

            assertThat(invalid(body))
                    .isEqualTo(malformed("b1", "not valid JSON: duplicate key \"transactions\" (at byte 176)"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"a\":", "[", "{\"a\":["})
        void nestingWhen10000LevelsShouldBeMalformed(String level) {
            String deep = level.repeat(10_000);

            var invalid = invalid("{\"batchId\":\"b1\",\"x\":" + deep);

            assertThat(invalid.batchId()).isEqualTo("b1");
            assertThat(invalid.message())
                    .startsWith("not valid JSON: nested deeper than " + BatchParser.MAX_NESTING + " levels (at byte ")
                    .contains(" in x")
                    .hasSizeLessThan(100);
            assertThat(invalid(deep)).extracting(ParseResult.Invalid::code).isEqualTo(ErrorCode.MALFORMED);
        }

        @Test
        void nestingWhenInsideATransactionShouldBeMalformed() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);

            assertThat(invalid(batch("b1", tx("note", deep))).code()).isEqualTo(ErrorCode.MALFORMED);
        }

        @Test
        void nestingWhenAtTheLimitShouldBeAccepted() {
            // batch object (1) > transactions array (2) > transaction object (3) > unknown field levels
            int unknownLevels = BatchParser.MAX_NESTING - 3;
            String deep = "[".repeat(unknownLevels) + "]".repeat(unknownLevels);

            assertThat(valid(batch("b1", tx("note", deep))).count()).isEqualTo(1);
            assertThat(invalid(batch("b1", tx("note", "[" + deep + "]"))).code())
                    .isEqualTo(ErrorCode.MALFORMED);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "ff",
                    "c328", // lead byte followed by a non-continuation byte
                    "e282", // truncated 3-byte sequence at the end
                    "c0af", // overlong encoding of '/'
                    "eda080", // a UTF-16 surrogate encoded in UTF-8 (CESU)
                    "f4908080", // above U+10FFFF
                    "80" // lone continuation byte
                })
        void bodyWhenNotUtf8ShouldBeMalformed(String hex) {
            byte[] bad = java.util.HexFormat.of().parseHex(hex);
            byte[] prefix = bytes("{\"batchId\":\"b1\",\"transactions\":[" + tx("description", "\"x"));
            byte[] suffix = bytes("\"");
            byte[] body = concat(prefix, bad, suffix, bytes("]}"));

            assertThat(parser.parse(body))
                    .isEqualTo(malformed(null, "frame is not valid UTF-8 (at byte " + prefix.length + ")"));
            assertThat(parser.parse(bad)).isEqualTo(malformed(null, "frame is not valid UTF-8 (at byte 0)"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32BE", "UTF-32LE"})
        void bodyWhenEncodedInUtf16Or32ShouldBeMalformed(String charset) {
            byte[] body = batch("b1", tx()).getBytes(Charset.forName(charset));

            assertThat(parser.parse(body))
                    .isInstanceOfSatisfying(
                            ParseResult.Invalid.class,
                            invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.MALFORMED));
        }

        @Test
        void bodyWhenStartingWithUtf8ByteOrderMarkShouldBeAccepted() {
            // RFC 8259 lets parsers ignore a BOM; some Windows tools write one.
            assertThat(valid("\uFEFF" + batch("b1", tx())).batchId()).isEqualTo("b1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u0000\u0000\u0000", "{\"batchId\":\"b1\u0000\"}", "{\u0000}"})
        void bodyWhenHoldingRawNulShouldBeMalformed(String body) {
            assertThat(invalid(body).code()).isEqualTo(ErrorCode.MALFORMED);
        }

        @Test
        void rawControlCharacterWhenInsideAStringShouldBeMalformed() {
            assertThat(invalid(batch("b1", tx("description", "\"a\tb\""))).code())
                    .isEqualTo(ErrorCode.MALFORMED);
        }

        @Test
        void messageWhenJacksonQuotesALongTokenShouldStayValidUnicode() {
            // Jackson cuts quoted tokens at 256 characters; a cut through a surrogate pair must not reach the reply.
            for (int prefix = 240; prefix < 270; prefix++) {
                String body = "{\"batchId\":tru" + "a".repeat(prefix) + "😀😀😀😀😀😀}";

                String message = invalid(body).message();

                assertThat(message).startsWith("not valid JSON: ");
                assertThat(hasUnpairedSurrogate(message))
                        .as("unpaired surrogate in %s", message)
                        .isFalse();
            }
        }

        @Test
        void messageWhenJacksonSuggestsAParserFeatureShouldNotPassTheHintOn() {
            assertThat(invalid(batch("b1", tx("amount", "NaN"))).message())
                    .isEqualTo("not valid JSON: NaN is not a JSON value (at byte 76 in transactions[0].amount)");
        }

        private ParseResult.Invalid malformed(String batchId, String message) {
            return new ParseResult.Invalid(batchId, ErrorCode.MALFORMED, message);
        }

        private void assertMalformed(byte[] body, String batchId) {
            assertThat(parser.parse(body)).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                assertThat(invalid.code()).isEqualTo(ErrorCode.MALFORMED);
                assertThat(invalid.batchId()).isEqualTo(batchId);
            });
        }
    }

    @Test
    void batchWhenValidShouldCarryEveryField() {
        Batch batch = valid(batch("term-7-000042", tx()));

        assertThat(batch)
                .isEqualTo(new Batch(
                        "term-7-000042",
                        java.util.List.of(new Transaction(
                                "t1",
                                "ACC-1001",
                                new BigDecimal("12.50"),
                                "EUR",
                                Instant.parse("2026-11-25T10:15:30.123Z"),
                                "coffee"))));
    }

    @Test
    void parserWhenMaxTransactionsNotPositiveShouldBeRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchParser(0, MAX_BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The sample transaction of PROTOCOL.md as raw JSON values, in the table's order. */
    static Map<String, String> sampleFields() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("id", "\"t1\"");
        fields.put("account", "\"ACC-1001\"");
        fields.put("amount", "\"12.50\"");
        fields.put("currency", "\"EUR\"");
        fields.put("timestamp", "\"2026-11-25T10:15:30.123Z\"");
        fields.put("description", "\"coffee\"");
        return fields;
    }

    static String tx() {
        return fields(Map.of());
    }

    /** The sample transaction with fields replaced by raw JSON values; a null value removes the field. */
    static String tx(String field, String raw) {
        var changes = new LinkedHashMap<String, String>();
        changes.put(field, raw);
        return fields(changes);
    }

    static String tx(String field, String raw, String field2, String raw2) {
        var changes = new LinkedHashMap<String, String>();
        changes.put(field, raw);
        changes.put(field2, raw2);
        return fields(changes);
    }

    static String fields(Map<String, String> changes) {
        var fields = sampleFields();
        fields.putAll(changes);
        var json = new StringJoiner(",", "{", "}");
        fields.forEach((name, raw) -> {
            if (raw != null) {
                json.add("\"" + name + "\":" + raw);
            }
        });
        return json.toString();
    }

    static String batch(String batchId, String... transactions) {
        return batchRaw("\"" + batchId + "\"", "[" + String.join(",", transactions) + "]");
    }

    static String batchRaw(String batchIdRaw, String transactionsRaw) {
        return "{\"batchId\":" + batchIdRaw + ",\"transactions\":" + transactionsRaw + "}";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Batch valid(String body) {
        ParseResult result = parser.parse(bytes(body));
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).batch();
    }

    private ParseResult.Invalid invalid(String body) {
        ParseResult result = parser.parse(bytes(body));
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return (ParseResult.Invalid) result;
    }

    private void assertInvalid(String body, String batchId, String message) {
        assertThat(parser.parse(bytes(body))).isEqualTo(new ParseResult.Invalid(batchId, ErrorCode.INVALID, message));
    }
}
