package io.txgate.protocol;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a reply frame of PROTOCOL.md: the decoding side of {@link ReplyEncoder}, for the client and the benchmark's
 * load generator. Codes are kept as text, so a code a later protocol version adds still reads. It reads the tokens as
 * they come (no tree), because the load generator reads one reply per batch on the CPU it shares with the server.
 */
public final class ReplyReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A reply as a client needs it; {@code code} and {@code message} are null unless REJECTED. */
    public record ServerReply(String batchId, String status, Integer count, String code, String message) {

        public boolean acknowledged() {
            return "ACCEPTED".equals(status) || "DUPLICATE".equals(status);
        }

        /** Whether the server asks to send the same batch again later (PROTOCOL.md: UNAVAILABLE). */
        public boolean retryable() {
            return "REJECTED".equals(status) && "UNAVAILABLE".equals(code);
        }
    }

    /** The reply could not be understood; the connection's state is unknown, so the batch is sent again. */
    public static final class UnreadableReplyException extends RuntimeException {

        public UnreadableReplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public ServerReply read(byte[] frame) {
        Fields fields = new Fields();
        try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), frame)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableReplyException("reply is not a JSON object: " + preview(frame), null);
            }
            readObject(json, fields, false);
            if (json.nextToken() != null) {
                throw new UnreadableReplyException("reply has more after its JSON object: " + preview(frame), null);
            }
        } catch (JacksonException e) {
            throw new UnreadableReplyException("reply is not JSON: " + preview(frame), e);
        }
        if (!"ACCEPTED".equals(fields.status)
                && !"DUPLICATE".equals(fields.status)
                && !"REJECTED".equals(fields.status)) {
            throw new UnreadableReplyException("reply has no known status: " + preview(frame), null);
        }
        return new ServerReply(fields.batchId, fields.status, fields.count, fields.code, fields.message);
    }

    /** The fields of a reply, or of its {@code error} object; unknown fields are skipped (a later version's). */
    private static void readObject(JsonParser json, Fields fields, boolean error) {
        while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (!error && "error".equals(name) && value == JsonToken.START_OBJECT) {
                readObject(json, fields, true);
            } else if (value == JsonToken.VALUE_STRING) {
                String text = json.getString();
                switch (error ? "error." + name : name) {
                    case "batchId" -> fields.batchId = text;
                    case "status" -> fields.status = text;
                    case "error.code" -> fields.code = text;
                    case "error.message" -> fields.message = text;
                    default -> {}
                }
            } else if (!error && "count".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                fields.count = json.getNumberType() == JsonParser.NumberType.INT ? json.getIntValue() : null;
            } else {
                json.skipChildren();
            }
        }
    }

    private static final class Fields {
        String batchId;
        String status;
        Integer count;
        String code;
        String message;
    }

    private static String preview(byte[] frame) {
        String text = new String(frame, 0, Math.min(frame.length, 200), StandardCharsets.UTF_8);
        return frame.length > 200 ? text + "..." : text;
    }
}
