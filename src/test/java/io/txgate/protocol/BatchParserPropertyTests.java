package io.txgate.protocol;

import static io.txgate.support.PropertyCheck.forAll;
import static io.txgate.support.RandomValues.anyByte;
import static io.txgate.support.RandomValues.anyChar;
import static io.txgate.support.RandomValues.digits;
import static io.txgate.support.RandomValues.intBetween;
import static io.txgate.support.RandomValues.longBetween;
import static io.txgate.support.RandomValues.oneOf;
import static io.txgate.support.RandomValues.stringOf;
import static io.txgate.support.RandomValues.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Any bytes through {@link BatchParser} give Valid or Invalid with a code, never an exception; valid batches written
 * in any allowed form read back as exactly their values; one broken field is reported by its path.
 */
class BatchParserPropertyTests {

    private static final int MAX_TRANSACTIONS = 12;
    private static final int MAX_BODY = 256 * 1024;
    private static final String IDENTIFIER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";
    private static final List<String> FIELDS =
            List.of("id", "account", "amount", "currency", "timestamp", "description");
    private static final Pattern FIELD_PATH = Pattern.compile(
            "(batchId|transactions(\\[\\d+](\\.(id|account|amount|currency|timestamp|description))?)?): \\S.*");

    private static final List<Mutation> LISTED_MUTATIONS = listedMutations();

    /** The shapes of a MALFORMED message: what is wrong, then where, in the protocol's words. */
    private static final Pattern MALFORMED_MESSAGE = Pattern.compile("empty frame: expected a JSON object"
            + "|frame is not valid UTF-8 \\(at byte \\d+\\)"
            + "|expected a JSON object \\(at byte \\d+\\)"
            + "|expected exactly one JSON object \\(more at byte \\d+\\)"
            + "|not valid JSON: [a-zA-Z'\\\\+-].* \\(at byte \\d+( in \\S.*)?\\)");

    /** What the JSON library writes into its own messages, and must never reach a client or a log line through us. */
    private static final List<String> LIBRARY_WORDS = List.of(
            "Source:",
            "REDACTED",
            "StreamReadFeature",
            "JsonReadFeature",
            "#UNKNOWN",
            "Feature",
            "jackson",
            "Exception",
            "CTRL-CHAR",
            "(code ",
            "was expecting",
            "Object property",
            "token '",
            "end-of-input");

    private static final Pattern BYTE_OFFSET = Pattern.compile("at byte (\\d+)");

    private final BatchParser parser = new BatchParser(MAX_TRANSACTIONS, MAX_BODY);
    private final ReplyEncoder encoder = new ReplyEncoder();

    // --- never throws --------------------------------------------------------------------------------------------

    @Test
    void anyBytesShouldGiveValidOrInvalidWithACode() {
        forAll(1000, BatchParserPropertyTests::anyBytes, this::assertAnswered);
    }

    @Test
    void jsonLikeTextShouldGiveValidOrInvalidWithACode() {
        forAll(
                1000,
                BatchParserPropertyTests::tokenSoup,
                text -> assertAnswered(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void damagedBatchesShouldGiveValidOrInvalidWithACode() {
        forAll(
                200,
                random -> {
                    byte[] body = batch(random, 1).render(random).getBytes(StandardCharsets.UTF_8);
                    for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                        body = damage(body, random);
                    }
                    return body;
                },
                this::assertAnswered);
    }

    @Test
    void brokenJsonShouldBeMalformedWithAMessageInOurWords() {
        var malformed = new AtomicInteger();
        forAll(
                500,
                random -> {
                    String body = batch(random, 1).render(random);
                    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                        body = breakSyntax(body, random);
                    }
                    return body.getBytes(StandardCharsets.UTF_8);
                },
                body -> {
                    assertAnswered(body);
                    if (parser.parse(body) instanceof ParseResult.Invalid invalid
                            && invalid.code() == ErrorCode.MALFORMED) {
                        malformed.incrementAndGet();
                    }
                });
        if (System.getProperty(io.txgate.support.PropertyCheck.SEED_PROPERTY) == null) {
            assertThat(malformed.get()).as("broken inputs that were MALFORMED").isGreaterThan(250);
        }
    }

    // --- valid batches --------------------------------------------------------------------------------------------

    @Test
    void validBatchesInAnyAllowedFormShouldParseToEqualValues() {
        forAll(
                200,
                random -> {
                    GeneratedBatch batch = batch(random, 1);
                    return new Rendered(batch, batch.render(random));
                },
                input -> assertThat(parser.parse(input.body().getBytes(StandardCharsets.UTF_8)))
                        .as(input.body())
                        .isEqualTo(new ParseResult.Valid(input.batch().expected())));
    }

    @Test
    void sameContentWrittenTwoWaysShouldGiveTheSameFingerprint() {
        forAll(
                200,
                random -> {
                    GeneratedBatch batch = batch(random, 1);
                    return List.of(batch.render(random), batch.render(random));
                },
                bodies -> assertThat(BatchFingerprint.of(valid(bodies.get(0))))
                        .isEqualTo(BatchFingerprint.of(valid(bodies.get(1)))));
    }

    // --- one broken field -----------------------------------------------------------------------------------------

    @Test
    void anySingleFieldMutationShouldBeInvalidNamingThatField() {
        forAll(
                300,
                random -> {
                    GeneratedBatch batch = batch(random, 1);
                    Mutation mutation = mutation(random);
                    int index = random.nextInt(batch.transactions().size());
                    String body = batch.withTransactionField(index, mutation.field(), mutation.raw())
                            .render(random);
                    return new Mutated(batch.batchId(), "transactions[" + index + "]." + mutation.field(), body);
                },
                input -> assertThat(parser.parse(input.body().getBytes(StandardCharsets.UTF_8)))
                        .as(input.body())
                        .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                            assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID);
                            assertThat(invalid.message()).startsWith(input.path() + ": ");
                            assertThat(invalid.batchId()).isEqualTo(input.batchId());
                        }));
    }

    @Test
    void duplicateIdShouldBeInvalidNamingTheLaterTransaction() {
        forAll(
                200,
                random -> {
                    // At least two transactions, so every try has an earlier one to copy the id from.
                    GeneratedBatch batch = batch(random, 2);
                    int later = 1 + random.nextInt(batch.transactions().size() - 1);
                    int earlier = random.nextInt(later);
                    String earlierId = batch.transactions().get(earlier).id();
                    String body = batch.withTransactionField(later, "id", json(earlierId, false))
                            .render(random);
                    return new Duplicated(batch.batchId(), earlier, later, body);
                },
                input -> assertThat(parser.parse(input.body().getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(new ParseResult.Invalid(
                                input.batchId(),
                                ErrorCode.INVALID,
                                "transactions[" + input.later() + "].id: duplicate of transactions[" + input.earlier()
                                        + "].id")));
    }

    @Test
    void anyBatchIdMutationShouldBeInvalidNamingBatchIdWithoutEchoingIt() {
        forAll(
                200,
                random -> {
                    GeneratedBatch batch = batch(random, 1);
                    return batch.withBatchIdRaw(badIdentifier(random)).render(random);
                },
                body -> assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                        .as(body)
                        .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                            assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID);
                            assertThat(invalid.message()).startsWith("batchId: ");
                            assertThat(invalid.batchId()).isNull();
                        }));
    }

    // --- checks ---------------------------------------------------------------------------------------------------

    private void assertAnswered(byte[] body) {
        ParseResult result = parser.parse(body);

        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Invalid invalid) {
            assertThat(invalid.code()).isIn(ErrorCode.MALFORMED, ErrorCode.INVALID, ErrorCode.TOO_LARGE);
            assertThat(invalid.message()).isNotBlank();
            if (invalid.code() != ErrorCode.MALFORMED) {
                assertThat(invalid.message()).matches(FIELD_PATH);
            } else {
                assertInOurWords(invalid.message(), body.length);
            }
            if (invalid.batchId() != null) {
                assertThat(FieldRules.identifierProblem(invalid.batchId())).isNull();
            }
            assertThat(encoder.encode(invalid.reply())).doesNotContain((byte) '\n', (byte) '\r');
        } else {
            Batch batch = ((ParseResult.Valid) result).batch();
            assertThat(batch.count()).isBetween(1, MAX_TRANSACTIONS);
            assertThat(BatchFingerprint.of(batch)).hasSize(64);
        }
    }

    private static void assertInOurWords(String message, int bodyBytes) {
        assertThat(message).matches(MALFORMED_MESSAGE).hasSizeLessThanOrEqualTo(200);
        for (String word : LIBRARY_WORDS) {
            assertThat(message).doesNotContainIgnoringCase(word);
        }
        assertThat(message).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+"); // no class names
        Matcher offset = BYTE_OFFSET.matcher(message);
        if (offset.find()) {
            assertThat(Integer.parseInt(offset.group(1))).isBetween(0, bodyBytes);
        }
    }

    private Batch valid(String body) {
        ParseResult result = parser.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(result).as(body).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).batch();
    }

    private static byte[] damage(byte[] body, Random random) {
        byte[] interesting = "{}[]\",:\\0-.eE+ \r\t\u0000nul".getBytes(StandardCharsets.UTF_8);
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        byte replacement =
                random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
        var out = new java.io.ByteArrayOutputStream(body.length + 1);
        switch (random.nextInt(3)) {
            case 0 -> { // delete
                out.write(body, 0, at);
                out.write(body, Math.min(at + 1, body.length), Math.max(0, body.length - at - 1));
            }
            case 1 -> { // insert
                out.write(body, 0, at);
                out.write(replacement);
                out.write(body, at, body.length - at);
            }
            default -> { // replace
                out.write(body, 0, body.length);
                byte[] replaced = out.toByteArray();
                if (replaced.length > 0) {
                    replaced[at] = replacement;
                }
                return replaced;
            }
        }
        return out.toByteArray();
    }

    // --- generators -----------------------------------------------------------------------------------------------

    /** Deletes, inserts or cuts at a random place: JSON's structure characters, escapes, words and number parts. */
    private static String breakSyntax(String body, Random random) {
        List<String> junk = List.of(
                "{", "}", "[", "]", ",", ":", "\"", "\\", "\\q", "\\u12", "'", "/*", "x", "tru", "nul", "NaN", "-",
                "+1", "01", "1.", "1e", ".5", "\u0001", "\t", "é", "😀", " ");
        int at = random.nextInt(body.length() + 1);
        return switch (random.nextInt(3)) {
            case 0 -> at < body.length() ? body.substring(0, at) + body.substring(at + 1) : body.substring(0, at);
            case 1 -> body.substring(0, at) + oneOf(random, junk) + body.substring(at);
            default -> body.substring(0, at);
        };
    }

    /** Up to 300 bytes, each half the time any byte and half the time one of JSON's own characters. */
    private static byte[] anyBytes(Random random) {
        String jsonish = "{}[]\":,\\ 0123456789-.eEtrufalsn\t";
        byte[] bytes = new byte[intBetween(random, 0, 300)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? anyByte(random) : (byte) jsonish.charAt(random.nextInt(jsonish.length()));
        }
        return bytes;
    }

    /** Up to 60 JSON-ish tokens in a row: names, values, brackets and broken escapes. */
    private static String tokenSoup(Random random) {
        List<String> tokens = List.of(
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"",
                "\"batchId\"",
                "\"transactions\"",
                "\"id\"",
                "\"account\"",
                "\"amount\"",
                "\"currency\"",
                "\"timestamp\"",
                "\"description\"",
                "\"b1\"",
                "\"t1\"",
                "\"EUR\"",
                "\"12.50\"",
                "12.50",
                "-1",
                "1e999999",
                "NaN",
                "null",
                "true",
                "false",
                "\"2026-11-25T10:15:30Z\"",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\\",
                " ",
                "0",
                "\"x\":",
                "[[[[",
                "]]]]",
                "{\"a\":{\"a\":");
        var text = new StringBuilder();
        for (int count = intBetween(random, 0, 60); count > 0; count--) {
            text.append(oneOf(random, tokens));
        }
        return text.toString();
    }

    /** A valid batch of {@code minTransactions} to MAX_TRANSACTIONS transactions with distinct ids. */
    private static GeneratedBatch batch(Random random, int minTransactions) {
        String batchId = identifier(random);
        int count = intBetween(random, minTransactions, MAX_TRANSACTIONS);
        var transactions = new ArrayList<GeneratedTx>();
        var ids = new HashSet<String>();
        while (transactions.size() < count) {
            GeneratedTx transaction = transaction(random);
            if (ids.add(transaction.id())) {
                transactions.add(transaction);
            }
        }
        return new GeneratedBatch(json(batchId, false), batchId, transactions);
    }

    /** Three times in four a listed wrong value of a field, else an id or account that is no valid identifier. */
    private static Mutation mutation(Random random) {
        if (weighted(random, 3, 1) == 0) {
            return oneOf(random, LISTED_MUTATIONS);
        }
        return new Mutation(oneOf(random, "id", "account"), badIdentifier(random));
    }

    private static List<Mutation> listedMutations() {
        String tooLongId = json("x".repeat(65), false);
        return List.of(
                new Mutation("id", null),
                new Mutation("id", "null"),
                new Mutation("id", "7"),
                new Mutation("id", "\"\""),
                new Mutation("id", tooLongId),
                new Mutation("account", null),
                new Mutation("account", "null"),
                new Mutation("account", "{\"no\":1}"),
                new Mutation("account", tooLongId),
                new Mutation("amount", null),
                new Mutation("amount", "null"),
                new Mutation("amount", "true"),
                new Mutation("amount", "[1]"),
                new Mutation("amount", "\"1e5\""),
                new Mutation("amount", "1e5"),
                new Mutation("amount", "1e999999"),
                new Mutation("amount", "\"NaN\""),
                new Mutation("amount", "\"Infinity\""),
                new Mutation("amount", "\".5\""),
                new Mutation("amount", "\"1.\""),
                new Mutation("amount", "\"+1\""),
                new Mutation("amount", "\"\""),
                new Mutation("amount", "\"1234567890123456789\""),
                new Mutation("amount", "1234567890123456789.5"),
                new Mutation("amount", "\"0.1234567\""),
                new Mutation("amount", "-0.1234567"),
                new Mutation("currency", null),
                new Mutation("currency", "null"),
                new Mutation("currency", "978"),
                new Mutation("currency", "\"eur\""),
                new Mutation("currency", "\"EURO\""),
                new Mutation("currency", "\"EU\""),
                new Mutation("currency", "\"E1R\""),
                new Mutation("timestamp", null),
                new Mutation("timestamp", "null"),
                new Mutation("timestamp", "1764065730"),
                new Mutation("timestamp", "\"2026-11-25T10:15:30\""),
                new Mutation("timestamp", "\"2026-11-25 10:15:30Z\""),
                new Mutation("timestamp", "\"2026-02-30T10:15:30Z\""),
                new Mutation("timestamp", "\"2026-11-25T24:00:00+01:00\""),
                new Mutation("description", "5"),
                new Mutation("description", "[\"x\"]"),
                new Mutation("description", json("d".repeat(257), false)),
                new Mutation("description", json("😀".repeat(257), false)),
                new Mutation("description", json("😀".repeat(257), true)),
                new Mutation("description", "\"a\\u0000b\""),
                new Mutation("description", "\"\\ud800\""),
                new Mutation("description", "\"x\\udfff\""));
    }

    /** A JSON value that is no valid identifier (null: the field is left out): mistyped, empty, too long, foreign char. */
    private static String badIdentifier(Random random) {
        return switch (weighted(random, 4, 1, 1, 1)) {
            case 0 -> {
                String id = stringOf(random, IDENTIFIER_CHARS, 0, 63);
                char foreign;
                do {
                    foreign = anyChar(random);
                } while (IDENTIFIER_CHARS.indexOf(foreign) >= 0);
                int position = Math.min(intBetween(random, 0, 64), id.length());
                yield json(id.substring(0, position) + foreign + id.substring(position), false);
            }
            case 1 -> json(stringOf(random, IDENTIFIER_CHARS, 65, 200), false);
            case 2 -> null;
            default -> oneOf(random, "null", "\"\"", "1", "true", "[]", "{}");
        };
    }

    private static String identifier(Random random) {
        return stringOf(random, IDENTIFIER_CHARS, 1, 64);
    }

    private static GeneratedTx transaction(Random random) {
        String id = identifier(random);
        String account = identifier(random);
        String fraction = digits(random, 0, 6);
        String amount = oneOf(random, "", "-") + digits(random, 1, 18) + (fraction.isEmpty() ? "" : "." + fraction);
        String currency = stringOf(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3, 3);
        Instant timestamp = Instant.ofEpochSecond(
                        longBetween(
                                random,
                                Instant.parse("0002-01-01T00:00:00Z").getEpochSecond(),
                                Instant.parse("9998-12-31T00:00:00Z").getEpochSecond()),
                        intBetween(random, 0, 999_999_999))
                .truncatedTo(oneOf(random, ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS));
        String description = switch (weighted(random, 1, 6, 1)) {
            case 0 -> null;
            case 1 -> codePoints(random, intBetween(random, 0, 256));
            default -> codePoints(random, 256);
        };
        return new GeneratedTx(id, account, amount, currency, timestamp, description);
    }

    /** Text of {@code count} code points: mostly printable ASCII, with control chars, the BMP and astral planes. */
    private static String codePoints(Random random, int count) {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(
                    switch (weighted(random, 6, 1, 2, 1, 2)) {
                        case 0 -> intBetween(random, 0x20, 0x7e);
                        case 1 -> intBetween(random, 0x01, 0x1f);
                        case 2 -> intBetween(random, 0xa0, 0xd7ff);
                        case 3 -> intBetween(random, 0xe000, 0xfffd);
                        default -> intBetween(random, 0x10000, 0x10ffff);
                    });
        }
        return text.toString();
    }

    /** A JSON string literal; with {@code escapeAll} every char is written as a backslash-u escape. */
    static String json(String value, boolean escapeAll) {
        var out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            if (escapeAll || c < 0x20 || (Character.isSurrogate(c) && !paired)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    // --- generated data -------------------------------------------------------------------------------------------

    /** A batch and one of its renderings. */
    record Rendered(GeneratedBatch batch, String body) {
        @Override
        public String toString() {
            return body;
        }
    }

    /** A body whose field at {@code path} is broken, in batch {@code batchId}. */
    record Mutated(String batchId, String path, String body) {}

    /** A body whose transaction {@code later} repeats the id of transaction {@code earlier}. */
    record Duplicated(String batchId, int earlier, int later, String body) {}

    /** A broken field: its name and raw JSON value, null to leave the field out. */
    record Mutation(String field, String raw) {}

    /** One valid transaction's values; rendering picks one of the forms PROTOCOL.md allows for them. */
    record GeneratedTx(
            String id, String account, String amount, String currency, Instant timestamp, String description) {

        Transaction expected() {
            return new Transaction(id, account, new BigDecimal(amount), currency, timestamp, description);
        }

        Map<String, String> render(Random random) {
            var fields = new java.util.LinkedHashMap<String, String>();
            fields.put("id", json(id, random.nextInt(8) == 0));
            fields.put("account", json(account, random.nextInt(8) == 0));
            fields.put("amount", renderAmount(random));
            fields.put("currency", json(currency, false));
            fields.put("timestamp", json(renderTimestamp(random), false));
            if (description != null) {
                fields.put("description", json(description, random.nextInt(4) == 0));
            } else if (random.nextBoolean()) {
                fields.put("description", "null");
            }
            return fields;
        }

        private String renderAmount(Random random) {
            String text = amount;
            if (random.nextBoolean()) {
                // A JSON number may not have leading zeros.
                String sign = text.startsWith("-") ? "-" : "";
                String unsigned = text.substring(sign.length()).replaceFirst("^0+(?=\\d)", "");
                return sign + unsigned;
            }
            return "\"" + text + "\"";
        }

        private String renderTimestamp(Random random) {
            var offset = ZoneOffset.ofTotalSeconds((random.nextInt(18 * 60 * 2 + 1) - 18 * 60) * 60);
            if (random.nextInt(3) == 0) {
                offset = ZoneOffset.UTC;
            }
            int nanos = timestamp.getNano();
            String fraction = nanos == 0 && random.nextBoolean()
                    ? ""
                    : nanos % 1_000_000 == 0 && random.nextBoolean()
                            ? ".SSS"
                            : nanos % 1_000 == 0 && random.nextBoolean() ? ".SSSSSS" : ".SSSSSSSSS";
            String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + fraction + "XXX")
                    .format(OffsetDateTime.ofInstant(timestamp, offset));
            if (random.nextInt(4) == 0) {
                text = text.replace('T', 't').replace('Z', 'z');
            }
            return text;
        }
    }

    /**
     * A valid batch plus how to break it; rendering shuffles field order, mixes in unknown fields and picks the
     * form of each value at random.
     */
    record GeneratedBatch(
            String batchIdRaw,
            String batchId,
            List<GeneratedTx> transactions,
            Integer brokenIndex,
            String brokenField,
            String brokenRaw) {

        GeneratedBatch(String batchIdRaw, String batchId, List<GeneratedTx> transactions) {
            this(batchIdRaw, batchId, transactions, null, null, null);
        }

        Batch expected() {
            return new Batch(
                    batchId, transactions.stream().map(GeneratedTx::expected).toList());
        }

        GeneratedBatch withTransactionField(int index, String field, String raw) {
            return new GeneratedBatch(batchIdRaw, batchId, transactions, index, field, raw);
        }

        GeneratedBatch withBatchIdRaw(String raw) {
            return new GeneratedBatch(raw, batchId, transactions, brokenIndex, brokenField, brokenRaw);
        }

        String render(Random random) {
            var items = new StringJoiner(",", "[", "]");
            for (int i = 0; i < transactions.size(); i++) {
                Map<String, String> fields = transactions.get(i).render(random);
                if (brokenIndex != null && brokenIndex == i) {
                    fields.remove(brokenField);
                    if (brokenRaw != null) {
                        fields.put(brokenField, brokenRaw);
                    }
                }
                items.add(object(fields, random));
            }
            var top = new java.util.LinkedHashMap<String, String>();
            if (batchIdRaw != null) {
                top.put("batchId", batchIdRaw);
            }
            top.put("transactions", items.toString());
            return object(top, random);
        }

        private static String object(Map<String, String> fields, Random random) {
            var members = new ArrayList<String>();
            fields.forEach((name, raw) -> members.add("\"" + name + "\":" + raw));
            for (int i = random.nextInt(3); i > 0; i--) {
                members.add("\"x-unknown-" + i + "\":" + unknownValue(random, 0));
            }
            Collections.shuffle(members, random);
            String separator = random.nextInt(4) == 0 ? " , " : ",";
            return "{" + String.join(separator, members) + "}";
        }

        private static String unknownValue(Random random, int depth) {
            int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
            return switch (kind) {
                case 0 -> "null";
                case 1 -> "-12.5e300";
                case 2 -> json("id " + FIELDS.get(random.nextInt(FIELDS.size())), false);
                case 3 -> "true";
                case 4 -> "[" + unknownValue(random, depth + 1) + "," + unknownValue(random, depth + 1) + "]";
                default ->
                    "{\"amount\":" + unknownValue(random, depth + 1) + ",\"batchId\":" + unknownValue(random, depth + 1)
                            + "}";
            };
        }
    }
}
