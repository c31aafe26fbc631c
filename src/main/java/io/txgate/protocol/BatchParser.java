package io.txgate.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns a frame body into a validated {@link Batch} or the rejection PROTOCOL.md prescribes.
 *
 * <p>It reads the JSON as a token stream rather than into a tree so that amounts keep their exact text (a number is
 * never routed through a double) and so that hostile input is bounded: duplicate keys and nesting deeper than a few
 * hundred levels are refused by the parser itself. The whole body is always read to the end, so a syntax error after a
 * bad field is still reported as MALFORMED, and the batchId is echoed even when it comes after the failing field.
 */
public final class BatchParser {

    static final int MAX_NESTING = 64;

    private final JsonFactory json;
    private final int maxTransactions;

    public BatchParser(int maxTransactions, int maxBodyBytes) {
        if (maxTransactions < 1) {
            throw new IllegalArgumentException("maxTransactions must be positive, was " + maxTransactions);
        }
        this.maxTransactions = maxTransactions;
        this.json = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        // Over-long numbers are a field error (INVALID amount), not a reason to stop reading.
                        .maxNumberLength(Math.max(1000, maxBodyBytes))
                        .maxStringLength(Math.max(1000, maxBodyBytes))
                        .build())
                .build();
    }

    public int maxTransactions() {
        return maxTransactions;
    }

    public ParseResult parse(byte[] body) {
        if (body.length == 0) {
            return new ParseResult.Invalid(null, ErrorCode.MALFORMED, "empty frame: expected a JSON object");
        }
        if (!isUtf8(body)) {
            return new ParseResult.Invalid(null, ErrorCode.MALFORMED, "frame is not valid UTF-8");
        }
        var reading = new Reading(maxTransactions);
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), body)) {
            if (!reading.readDocument(parser)) {
                return new ParseResult.Invalid(null, ErrorCode.MALFORMED, "expected exactly one JSON object");
            }
        } catch (JacksonException e) {
            return new ParseResult.Invalid(
                    reading.validBatchId(), ErrorCode.MALFORMED, "not valid JSON: " + e.getOriginalMessage());
        }
        return reading.result();
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The state of reading one document: the first field error wins, the rest is only checked for syntax. */
    private static final class Reading {

        private final int maxTransactions;
        private String batchId;
        private boolean batchIdValid;
        private boolean sawBatchId;
        private boolean sawTransactions;
        private List<Transaction> transactions;
        private ErrorCode errorCode;
        private String errorMessage;

        Reading(int maxTransactions) {
            this.maxTransactions = maxTransactions;
        }

        String validBatchId() {
            return batchIdValid ? batchId : null;
        }

        /** Reads the whole body; false when its top-level value is not a single JSON object. */
        boolean readDocument(JsonParser parser) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "batchId" -> readBatchId(parser, value);
                    case "transactions" -> readTransactions(parser, value);
                    default -> parser.skipChildren();
                }
            }
            return parser.nextToken() == null;
        }

        ParseResult result() {
            if (errorCode == null && !sawBatchId) {
                fail(ErrorCode.INVALID, "batchId: required");
            }
            if (errorCode == null && !sawTransactions) {
                fail(ErrorCode.INVALID, "transactions: required");
            }
            if (errorCode != null) {
                return new ParseResult.Invalid(validBatchId(), errorCode, errorMessage);
            }
            return new ParseResult.Valid(new Batch(batchId, transactions));
        }

        private void fail(ErrorCode code, String message) {
            if (errorCode == null) {
                errorCode = code;
                errorMessage = message;
            }
        }

        private void readBatchId(JsonParser parser, JsonToken value) {
            sawBatchId = true;
            if (value != JsonToken.VALUE_STRING) {
                parser.skipChildren();
                fail(
                        ErrorCode.INVALID,
                        "batchId: " + (value == JsonToken.VALUE_NULL ? "required" : "must be a string"));
                return;
            }
            batchId = parser.getString();
            String problem = FieldRules.identifierProblem(batchId);
            if (problem != null) {
                fail(ErrorCode.INVALID, "batchId: " + problem);
                return;
            }
            batchIdValid = true;
        }

        private void readTransactions(JsonParser parser, JsonToken value) {
            sawTransactions = true;
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                fail(
                        ErrorCode.INVALID,
                        "transactions: " + (value == JsonToken.VALUE_NULL ? "required" : "must be an array"));
                return;
            }
            var read = new ArrayList<Transaction>();
            Set<String> ids = new HashSet<>();
            int index = 0;
            JsonToken item;
            while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (index >= maxTransactions) {
                    parser.skipChildren();
                    fail(ErrorCode.TOO_LARGE, "transactions: more than " + maxTransactions + " items");
                    index++;
                    continue;
                }
                String path = "transactions[" + index + "]";
                Transaction tx = new TransactionReading(path).read(parser, item);
                if (tx != null) {
                    if (!ids.add(tx.id())) {
                        fail(ErrorCode.INVALID, path + ".id: duplicate of an earlier id in this batch");
                    }
                    read.add(tx);
                }
                index++;
            }
            if (index == 0) {
                fail(ErrorCode.INVALID, "transactions: must hold at least 1 item");
            }
            transactions = read;
        }

        /** Reads one transaction object; reports its first failing field and returns null when any failed. */
        private final class TransactionReading {

            private final String path;
            private boolean mistyped;
            private String id;
            private String account;
            private String amount;
            private String currency;
            private String timestamp;
            private String description;

            TransactionReading(String path) {
                this.path = path;
            }

            Transaction read(JsonParser parser, JsonToken start) {
                if (start != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    fail(ErrorCode.INVALID, path + ": must be an object");
                    return null;
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "id" -> id = string(parser, value, "id");
                        case "account" -> account = string(parser, value, "account");
                        case "amount" -> amount = amountText(parser, value);
                        case "currency" -> currency = string(parser, value, "currency");
                        case "timestamp" -> timestamp = string(parser, value, "timestamp");
                        case "description" -> description = string(parser, value, "description");
                        default -> parser.skipChildren();
                    }
                }
                if (mistyped) {
                    return null;
                }
                String problem = firstProblem();
                if (problem != null) {
                    fail(ErrorCode.INVALID, path + "." + problem);
                    return null;
                }
                return new Transaction(
                        id, account, FieldRules.amount(amount), currency, FieldRules.instant(timestamp), description);
            }

            /** Checks the fields in the order PROTOCOL.md lists them. */
            private String firstProblem() {
                String problem;
                if ((problem = FieldRules.identifierProblem(id)) != null) {
                    return "id: " + problem;
                }
                if ((problem = FieldRules.identifierProblem(account)) != null) {
                    return "account: " + problem;
                }
                if ((problem = FieldRules.amountProblem(amount)) != null) {
                    return "amount: " + problem;
                }
                if ((problem = FieldRules.currencyProblem(currency)) != null) {
                    return "currency: " + problem;
                }
                if ((problem = FieldRules.timestampProblem(timestamp)) != null) {
                    return "timestamp: " + problem;
                }
                if ((problem = FieldRules.descriptionProblem(description)) != null) {
                    return "description: " + problem;
                }
                return null;
            }

            /** A string value, or null for JSON null; any other type is a field error. */
            private String string(JsonParser parser, JsonToken value, String field) {
                if (value == JsonToken.VALUE_STRING) {
                    return parser.getString();
                }
                parser.skipChildren();
                if (value != JsonToken.VALUE_NULL) {
                    typeError(field, "must be a string");
                }
                return null;
            }

            private String amountText(JsonParser parser, JsonToken value) {
                if (value == JsonToken.VALUE_STRING
                        || value == JsonToken.VALUE_NUMBER_INT
                        || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    // For numbers this is the literal as written, so 1e999999 or 0.1 never becomes a double.
                    return parser.getString();
                }
                parser.skipChildren();
                if (value != JsonToken.VALUE_NULL) {
                    typeError("amount", "must be a decimal string or number");
                }
                return null;
            }

            private void typeError(String field, String problem) {
                fail(ErrorCode.INVALID, path + "." + field + ": " + problem);
                mistyped = true;
            }
        }
    }
}
