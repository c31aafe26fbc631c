package io.txgate.client;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a reply frame of PROTOCOL.md, for the client and for the load mode's uncommon replies. Codes are kept as text,
 * so a code a later protocol version adds still reads.
 */
public final class ReplyReader {

    /** A reply as the client needs it; {@code code} and {@code message} are null unless REJECTED. */
    public record ServerReply(String batchId, String status, Integer count, String code, String message) {

        boolean acknowledged() {
            return "ACCEPTED".equals(status) || "DUPLICATE".equals(status);
        }

        /** Whether the server asks to send the same batch again later (PROTOCOL.md: UNAVAILABLE). */
        boolean retryable() {
            return "REJECTED".equals(status) && "UNAVAILABLE".equals(code);
        }
    }

    /** The reply could not be understood; the connection's state is unknown, so the batch is sent again. */
    public static final class UnreadableReplyException extends RuntimeException {

        UnreadableReplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    public ServerReply read(byte[] frame) {
        JsonNode reply;
        try {
            reply = mapper.readTree(frame);
        } catch (JacksonException e) {
            throw new UnreadableReplyException("reply is not JSON: " + preview(frame), e);
        }
        if (reply == null || !reply.isObject()) {
            throw new UnreadableReplyException("reply is not a JSON object: " + preview(frame), null);
        }
        String status = text(reply, "status");
        if (!"ACCEPTED".equals(status) && !"DUPLICATE".equals(status) && !"REJECTED".equals(status)) {
            throw new UnreadableReplyException("reply has no known status: " + preview(frame), null);
        }
        JsonNode count = reply.get("count");
        JsonNode error = reply.path("error");
        return new ServerReply(
                text(reply, "batchId"),
                status,
                count != null && count.isInt() ? count.intValue() : null,
                text(error, "code"),
                text(error, "message"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static String preview(byte[] frame) {
        String text = new String(frame, 0, Math.min(frame.length, 200), StandardCharsets.UTF_8);
        return frame.length > 200 ? text + "..." : text;
    }
}
