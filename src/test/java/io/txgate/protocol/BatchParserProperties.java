package io.txgate.protocol;

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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any bytes through {@link BatchParser} give Valid or Invalid with a code, never an exception; valid batches written
 * in any allowed form read back as exactly their values; one broken field is reported by its path.
 */
class BatchParserProperties {

    private static final int MAX_TRANSACTIONS = 12;
    private static final int MAX_BODY = 256 * 1024;
    private static final String IDENTIFIER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";
    private static final List<String> FIELDS =
            List.of("id", "account", "amount", "currency", "timestamp", "description");
    private static final Pattern FIELD_PATH = Pattern.compile(
            "(batchId|transactions(\\[\\d+](\\.(id|account|amount|currency|timestamp|description))?)?): \\S.*");

    private final BatchParser parser = new BatchParser(MAX_TRANSACTIONS, MAX_BODY);
    private final ReplyEncoder encoder = new ReplyEncoder();

    // --- never throws --------------------------------------------------------------------------------------------

    @Property(tries = 1000)
    void anyBytesShouldGiveValidOrInvalidWithACode(@ForAll("anyBytes") byte[] body) {
        assertAnswered(body);
    }

    @Property(tries = 1000)
    void jsonLikeTextShouldGiveValidOrInvalidWithACode(@ForAll("tokenSoup") String text) {
        assertAnswered(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void damagedBatchesShouldGiveValidOrInvalidWithACode(
            @ForAll("batches") GeneratedBatch batch, @ForAll Random random) {
        byte[] body = batch.render(random).getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            body = damage(body, random);
        }

        assertAnswered(body);
    }

    // --- valid batches --------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void validBatchesInAnyAllowedFormShouldParseToEqualValues(
            @ForAll("batches") GeneratedBatch batch, @ForAll Random random) {
        String body = batch.render(random);

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .as(body)
                .isEqualTo(new ParseResult.Valid(batch.expected()));
    }

    @Property(tries = 200)
    void sameContentWrittenTwoWaysShouldGiveTheSameFingerprint(
            @ForAll("batches") GeneratedBatch batch, @ForAll Random random) {
        Batch first = valid(batch.render(random));
        Batch second = valid(batch.render(random));

        assertThat(BatchFingerprint.of(first)).isEqualTo(BatchFingerprint.of(second));
    }

    // --- one broken field -----------------------------------------------------------------------------------------

    @Property(tries = 300)
    void anySingleFieldMutationShouldBeInvalidNamingThatField(
            @ForAll("batches") GeneratedBatch batch, @ForAll("mutations") Mutation mutation, @ForAll Random random) {
        int index = random.nextInt(batch.transactions().size());
        String body = batch.withTransactionField(index, mutation.field(), mutation.raw())
                .render(random);
        var expected = "transactions[" + index + "]." + mutation.field() + ": ";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .as(body)
                .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                    assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(invalid.message()).startsWith(expected);
                    assertThat(invalid.batchId()).isEqualTo(batch.batchId());
                });
    }

    @Property(tries = 200)
    void duplicateIdShouldBeInvalidNamingTheLaterTransaction(
            @ForAll("batches") GeneratedBatch batch, @ForAll Random random) {
        int size = batch.transactions().size();
        if (size < 2) {
            return;
        }
        int later = 1 + random.nextInt(size - 1);
        int earlier = random.nextInt(later);
        String earlierId = batch.transactions().get(earlier).id();
        String body =
                batch.withTransactionField(later, "id", json(earlierId, false)).render(random);

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ParseResult.Invalid(
                        batch.batchId(),
                        ErrorCode.INVALID,
                        "transactions[" + later + "].id: duplicate of transactions[" + earlier + "].id"));
    }

    @Property(tries = 200)
    void anyBatchIdMutationShouldBeInvalidNamingBatchIdWithoutEchoingIt(
            @ForAll("batches") GeneratedBatch batch, @ForAll("badIdentifiers") String raw, @ForAll Random random) {
        String body = batch.withBatchIdRaw(raw).render(random);

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                    assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(invalid.message()).startsWith("batchId: ");
                    assertThat(invalid.batchId()).isNull();
                });
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

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<Byte> jsonish = Arbitraries.of("{}[]\":,\\ 0123456789-.eEtrufalsn\t"
                .chars()
                .mapToObj(c -> (byte) c)
                .toArray(Byte[]::new));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.bytes()), Tuple.of(1, jsonish))
                .array(byte[].class)
                .ofMaxSize(300);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of(
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
        return token.list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<GeneratedBatch> batches() {
        return Combinators.combine(
                        identifiers(),
                        transactions()
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(MAX_TRANSACTIONS)
                                .uniqueElements(GeneratedTx::id))
                .as((batchId, transactions) -> new GeneratedBatch(json(batchId, false), batchId, transactions));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        String tooLongId = json("x".repeat(65), false);
        Arbitrary<Mutation> listed = Arbitraries.of(
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
        Arbitrary<Mutation> badIdentifier = Combinators.combine(Arbitraries.of("id", "account"), badIdentifiers())
                .as(Mutation::new);
        return Arbitraries.frequencyOf(Tuple.of(3, listed), Tuple.of(1, badIdentifier));
    }

    /** A JSON value that is no valid identifier (null: the field is left out): mistyped, empty, too long, foreign char. */
    @Provide
    Arbitrary<String> badIdentifiers() {
        Arbitrary<String> foreignChar = Combinators.combine(
                        Arbitraries.strings().withChars(IDENTIFIER_CHARS).ofMaxLength(63),
                        Arbitraries.chars().filter(c -> IDENTIFIER_CHARS.indexOf(c) < 0),
                        Arbitraries.integers().between(0, 64))
                .as((id, c, at) -> {
                    int position = Math.min(at, id.length());
                    return json(id.substring(0, position) + c + id.substring(position), false);
                });
        Arbitrary<String> tooLong = Arbitraries.strings()
                .withChars(IDENTIFIER_CHARS)
                .ofMinLength(65)
                .ofMaxLength(200)
                .map(id -> json(id, false));
        return Arbitraries.frequencyOf(
                Tuple.of(4, foreignChar),
                Tuple.of(1, tooLong),
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.of("null", "\"\"", "1", "true", "[]", "{}")));
    }

    private static Arbitrary<String> identifiers() {
        return Arbitraries.strings().withChars(IDENTIFIER_CHARS).ofMinLength(1).ofMaxLength(64);
    }

    private static Arbitrary<GeneratedTx> transactions() {
        Arbitrary<String> amounts = Combinators.combine(
                        Arbitraries.of("", "-"),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(18),
                        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(6))
                .as((sign, integer, fraction) -> sign + integer + (fraction.isEmpty() ? "" : "." + fraction));
        Arbitrary<Instant> instants = Combinators.combine(
                        Arbitraries.longs()
                                .between(
                                        Instant.parse("0002-01-01T00:00:00Z").getEpochSecond(),
                                        Instant.parse("9998-12-31T00:00:00Z").getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999),
                        Arbitraries.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS))
                .as((seconds, nanos, precision) ->
                        Instant.ofEpochSecond(seconds, nanos).truncatedTo(precision));
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(1, Arbitraries.integers().between(0x01, 0x1f)),
                Tuple.of(2, Arbitraries.integers().between(0xa0, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xfffd)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
        Arbitrary<String> descriptions = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(6, codePoints.list().ofMaxSize(256).map(BatchParserProperties::fromCodePoints)),
                Tuple.of(1, codePoints.list().ofSize(256).map(BatchParserProperties::fromCodePoints)));
        return Combinators.combine(
                        identifiers(),
                        identifiers(),
                        amounts,
                        Arbitraries.strings().withCharRange('A', 'Z').ofLength(3),
                        instants,
                        descriptions)
                .as(GeneratedTx::new);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        var text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
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
