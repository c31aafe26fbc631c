package io.txgate.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns a frame body into a validated {@link Batch} or the rejection PROTOCOL.md prescribes.
 *
 * <p>The body is decoded as strict UTF-8 first and Jackson reads the decoded characters, so that Jackson's own
 * encoding detection can never accept a UTF-16 or UTF-32 frame. The JSON is read as a token stream rather than into a
 * tree so that amounts keep their exact text (a number is never routed through a double) and so that hostile input is
 * bounded: duplicate keys and nesting deeper than {@value #MAX_NESTING} levels are refused by the parser itself. The
 * whole body is always read to the end, so a syntax error after a bad field is still reported as MALFORMED, and the
 * batchId is echoed even when it comes after the failing field.
 *
 * <p>When several fields break a rule, the one reported is the first in PROTOCOL.md's order (batchId, transactions,
 * then each transaction's fields in table order), whatever order the client wrote them in.
 */
public final class BatchParser {

    /** Deepest JSON nesting read; a valid batch needs 3 levels, the rest is room for unknown fields. */
    static final int MAX_NESTING = 64;

    private final JsonFactory json;
    private final int maxTransactions;

    public BatchParser(int maxTransactions, int maxBodyBytes) {
        if (maxTransactions < 1) {
            throw new IllegalArgumentException("maxTransactions must be positive, was " + maxTransactions);
        }
        this.maxTransactions = maxTransactions;
        // A body never holds more characters than bytes, so these limits can only be reached by a frame that the
        // frame limit already refused: an over-long name, string or number is a field error, not unreadable JSON.
        int textLimit = Math.max(1000, maxBodyBytes);
        this.json = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(textLimit)
                        .maxStringLength(textLimit)
                        .maxNameLength(textLimit)
                        .build())
                .build();
    }

    /** Never throws: every body, whatever its bytes, gives Valid or Invalid. */
    public ParseResult parse(byte[] body) {
        if (body.length == 0) {
            return malformed(null, "empty frame: expected a JSON object");
        }
        CharBuffer text = CharBuffer.allocate(body.length);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        CoderResult decoded = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes, text, true);
        if (decoded.isError()) {
            return malformed(null, "frame is not valid UTF-8 (at byte " + bytes.position() + ")");
        }
        // RFC 8259 lets a parser ignore a byte order mark; some Windows tools write one.
        int start = text.position() > 0 && text.get(0) == '\uFEFF' ? 1 : 0;
        try (JsonParser parser =
                json.createParser(ObjectReadContext.empty(), text.array(), start, text.position() - start)) {
            return read(parser, text, start);
        }
    }

    /** Reads the one object; on unreadable JSON the parser is still open here, so it can say where it stopped. */
    private ParseResult read(JsonParser parser, CharBuffer text, int start) {
        var reading = new Reading(maxTransactions);
        try {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return malformed(null, "expected a JSON object (at byte " + tokenByte(parser, text, start) + ")");
            }
            reading.readObject(parser);
            if (parser.nextToken() != null) {
                return malformed(
                        reading.validBatchId(),
                        "expected exactly one JSON object (more at byte " + tokenByte(parser, text, start) + ")");
            }
        } catch (JacksonException e) {
            return malformed(
                    batchIdAfter(e, parser, reading),
                    "not valid JSON: "
                            + SyntaxErrors.describe(e, parser, Arrays.copyOf(text.array(), text.position()), start));
        }
        return reading.result();
    }

    /** Where the parser's current token starts, as a byte offset in the frame body; the end when there is none. */
    private static int tokenByte(JsonParser parser, CharBuffer text, int start) {
        long offset = parser.currentToken() == null
                ? text.position() - start
                : parser.currentTokenLocation().getCharOffset();
        return SyntaxErrors.byteOffset(text.array(), (int) Math.min(text.position(), start + Math.max(0, offset)));
    }

    private static ParseResult.Invalid malformed(String batchId, String message) {
        return new ParseResult.Invalid(batchId, ErrorCode.MALFORMED, message);
    }

    /** The batchId to echo for unreadable JSON: none if the batchId key itself was repeated, as it is then unknown. */
    private static String batchIdAfter(JacksonException e, JsonParser parser, Reading reading) {
        TokenStreamContext context = parser.streamReadContext();
        boolean topLevel = context.inObject()
                && context.getParent() != null
                && context.getParent().inRoot();
        boolean duplicateBatchId = topLevel
                && "batchId".equals(context.currentName())
                && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate");
        return duplicateBatchId ? null : reading.validBatchId();
    }

    /** The state of reading one batch object: field errors are collected, the rest is only checked for syntax. */
    private static final class Reading {

        private final int maxTransactions;
        private boolean sawBatchId;
        private String batchId;
        private String batchIdProblem;
        private boolean sawTransactions;
        private Problem transactionsProblem;
        private Problem itemProblem;
        private List<Transaction> transactions;

        Reading(int maxTransactions) {
            this.maxTransactions = maxTransactions;
        }

        String validBatchId() {
            return sawBatchId && batchIdProblem == null ? batchId : null;
        }

        /** Reads the top-level object, whose START_OBJECT was just read, up to its END_OBJECT. */
        void readObject(JsonParser parser) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "batchId" -> readBatchId(parser, value);
                    case "transactions" -> readTransactions(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }

        ParseResult result() {
            if (!sawBatchId) {
                batchIdProblem = "required";
            }
            if (batchIdProblem != null) {
                return new ParseResult.Invalid(null, ErrorCode.INVALID, "batchId: " + batchIdProblem);
            }
            if (!sawTransactions) {
                transactionsProblem = new Problem(ErrorCode.INVALID, "transactions: required");
            }
            Problem problem = transactionsProblem != null ? transactionsProblem : itemProblem;
            if (problem != null) {
                return new ParseResult.Invalid(batchId, problem.code(), problem.message());
            }
            return new ParseResult.Valid(new Batch(batchId, transactions));
        }

        private void readBatchId(JsonParser parser, JsonToken value) {
            sawBatchId = true;
            if (value == JsonToken.VALUE_STRING) {
                batchId = parser.getString();
                batchIdProblem = FieldRules.identifierProblem(batchId);
            } else {
                parser.skipChildren();
                batchIdProblem = value == JsonToken.VALUE_NULL ? "required" : "must be a string";
            }
        }

        private void readTransactions(JsonParser parser, JsonToken value) {
            sawTransactions = true;
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                transactionsProblem = new Problem(
                        ErrorCode.INVALID,
                        "transactions: " + (value == JsonToken.VALUE_NULL ? "required" : "must be an array"));
                return;
            }
            var read = new ArrayList<Transaction>();
            Map<String, Integer> indexById = new HashMap<>();
            int index = 0;
            JsonToken item;
            while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (index >= maxTransactions) {
                    // Only checked for syntax from here on: the batch will be refused as a whole.
                    parser.skipChildren();
                    transactionsProblem =
                            new Problem(ErrorCode.TOO_LARGE, "transactions: more than " + maxTransactions + " items");
                    index++;
                    continue;
                }
                var reading = new TransactionReading();
                String problem = reading.read(parser, item);
                if (problem == null) {
                    Integer earlier = indexById.putIfAbsent(reading.id(), index);
                    if (earlier != null) {
                        problem = ".id: duplicate of transactions[" + earlier + "].id";
                    }
                }
                if (problem == null) {
                    read.add(reading.toTransaction());
                } else if (itemProblem == null) {
                    itemProblem = new Problem(ErrorCode.INVALID, "transactions[" + index + "]" + problem);
                }
                index++;
            }
            if (index == 0) {
                transactionsProblem = new Problem(ErrorCode.INVALID, "transactions: must hold at least 1 item");
            }
            transactions = read;
        }
    }

    private record Problem(ErrorCode code, String message) {}

    /** A transaction's fields in PROTOCOL.md's order, which is the order they are checked in. */
    private enum Field {
        ID("id"),
        ACCOUNT("account"),
        AMOUNT("amount"),
        CURRENCY("currency"),
        TIMESTAMP("timestamp"),
        DESCRIPTION("description");

        private final String jsonName;

        Field(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The field with this JSON name, or null for a name the protocol does not know (it is ignored). */
        static Field named(String name) {
            return switch (name) {
                case "id" -> ID;
                case "account" -> ACCOUNT;
                case "amount" -> AMOUNT;
                case "currency" -> CURRENCY;
                case "timestamp" -> TIMESTAMP;
                case "description" -> DESCRIPTION;
                default -> null;
            };
        }

        String problem(String value) {
            return switch (this) {
                case ID, ACCOUNT -> FieldRules.identifierProblem(value);
                case AMOUNT -> FieldRules.amountProblem(value);
                case CURRENCY -> FieldRules.currencyProblem(value);
                case TIMESTAMP -> FieldRules.timestampProblem(value);
                case DESCRIPTION -> FieldRules.descriptionProblem(value);
            };
        }
    }

    /** Reads one transaction object, keeping each field's text, or why its JSON type is wrong. */
    private static final class TransactionReading {

        private final Map<Field, String> values = new EnumMap<>(Field.class);
        private final Map<Field, String> typeProblems = new EnumMap<>(Field.class);
        private Instant timestamp;

        /** Reads the value starting at {@code start}; returns the first problem as ".field: problem", or null. */
        String read(JsonParser parser, JsonToken start) {
            if (start != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return ": must be an object";
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                Field field = Field.named(parser.currentName());
                JsonToken value = parser.nextToken();
                if (field == null) {
                    parser.skipChildren();
                } else {
                    readValue(parser, value, field);
                }
            }
            for (Field field : Field.values()) {
                String problem = typeProblems.containsKey(field) ? typeProblems.get(field) : check(field);
                if (problem != null) {
                    return "." + field.jsonName + ": " + problem;
                }
            }
            return null;
        }

        /** The timestamp is parsed once: checking it yields the instant the transaction keeps. */
        private String check(Field field) {
            if (field != Field.TIMESTAMP) {
                return field.problem(values.get(field));
            }
            timestamp = FieldRules.instant(values.get(field));
            return timestamp == null ? field.problem(values.get(field)) : null;
        }

        String id() {
            return values.get(Field.ID);
        }

        Transaction toTransaction() {
            return new Transaction(
                    values.get(Field.ID),
                    values.get(Field.ACCOUNT),
                    FieldRules.amount(values.get(Field.AMOUNT)),
                    values.get(Field.CURRENCY),
                    timestamp,
                    values.get(Field.DESCRIPTION));
        }

        /** Keeps a string (for amount also a number, as written) or notes a type error; JSON null counts as absent. */
        private void readValue(JsonParser parser, JsonToken value, Field field) {
            boolean number = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
            if (value == JsonToken.VALUE_STRING || (field == Field.AMOUNT && number)) {
                // For numbers this is the literal as written, so 1e999999 or 0.1 never becomes a double.
                values.put(field, parser.getString());
                return;
            }
            parser.skipChildren();
            if (value != JsonToken.VALUE_NULL) {
                typeProblems.put(
                        field, field == Field.AMOUNT ? "must be a decimal string or number" : "must be a string");
            }
        }
    }
}
