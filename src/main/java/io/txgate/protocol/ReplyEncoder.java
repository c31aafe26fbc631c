package io.txgate.protocol;

import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Encodes replies as the one-line JSON objects of PROTOCOL.md (without the line ending, which framing adds). */
public final class ReplyEncoder {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public byte[] encode(Reply reply) {
        var out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            if (reply.batchId() == null) {
                json.writeNullProperty("batchId");
            } else {
                json.writeStringProperty("batchId", reply.batchId());
            }
            json.writeStringProperty("status", reply.status().name());
            if (reply.count() != null) {
                json.writeNumberProperty("count", reply.count().intValue());
            }
            if (reply.error() != null) {
                json.writeName("error");
                json.writeStartObject();
                json.writeStringProperty("code", reply.error().code().name());
                // Messages may quote client input or exception text; half a surrogate pair in them would be written
                // as an escaped lone surrogate, which strict JSON readers refuse.
                json.writeStringProperty(
                        "message",
                        FieldRules.withoutUnpairedSurrogates(reply.error().message()));
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
