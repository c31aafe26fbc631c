package io.txgate.protocol;

import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Encodes a batch as the one-line request frame of PROTOCOL.md: the encoding side of {@link BatchParser} (without the line ending, which framing adds). Amounts
 * are written as decimal strings, so no binary floating point touches them; Jackson escapes quotes, backslashes and
 * control characters in descriptions, so a frame never holds a raw CR or LF.
 */
public final class BatchEncoder {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public String encode(Batch batch) {
        var out = new StringWriter(64 + 160 * batch.count());
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("batchId", batch.batchId());
            json.writeName("transactions");
            json.writeStartArray();
            for (Transaction transaction : batch.transactions()) {
                writeTransaction(json, transaction);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toString();
    }

    private static void writeTransaction(JsonGenerator json, Transaction transaction) {
        json.writeStartObject();
        json.writeStringProperty("id", transaction.id());
        json.writeStringProperty("account", transaction.account());
        json.writeStringProperty("amount", transaction.amount().toPlainString());
        json.writeStringProperty("currency", transaction.currency());
        json.writeStringProperty("timestamp", transaction.timestamp().toString());
        if (transaction.description() != null) {
            json.writeStringProperty("description", transaction.description());
        }
        json.writeEndObject();
    }
}
