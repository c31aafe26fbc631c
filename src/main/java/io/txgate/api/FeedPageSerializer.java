package io.txgate.api;

import io.txgate.store.FeedRow;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a {@link FeedPage} as the change feed has always served it: {@code {"transactions":[...],"next":n}}, each
 * transaction its position and then exactly the fields of {@link TransactionView}, in its order and formatted as it
 * formats them (the amount as a plain decimal string, the timestamp as {@code Instant.toString()}, null written as
 * null). It runs inside Spring's Jackson converter, on its generator, so escaping and encoding are the read API's.
 *
 * <p>Written field by field with the names encoded once: a page is up to 10,000 rows, and going through a record per
 * row and Jackson's bean serializer cost more than the database's own work (docs/performance.md, "The change feed").
 */
final class FeedPageSerializer extends ValueSerializer<FeedPage> {

    private static final SerializableString TRANSACTIONS = new SerializedString("transactions");
    private static final SerializableString NEXT = new SerializedString("next");
    private static final SerializableString POSITION = new SerializedString("position");
    private static final SerializableString BATCH_ID = new SerializedString("batchId");
    private static final SerializableString CLIENT_ID = new SerializedString("clientId");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString ACCOUNT = new SerializedString("account");
    private static final SerializableString AMOUNT = new SerializedString("amount");
    private static final SerializableString CURRENCY = new SerializedString("currency");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString DESCRIPTION = new SerializedString("description");

    @Override
    public void serialize(FeedPage page, JsonGenerator json, SerializationContext context) {
        json.writeStartObject(page);
        json.writeName(TRANSACTIONS);
        json.writeStartArray(page.transactions(), page.transactions().size());
        for (FeedRow row : page.transactions()) {
            json.writeStartObject(row);
            json.writeName(POSITION);
            json.writeNumber(row.position());
            json.writeName(BATCH_ID);
            json.writeString(row.batchId());
            json.writeName(CLIENT_ID);
            json.writeString(row.clientId());
            json.writeName(ID);
            json.writeString(row.txId());
            json.writeName(ACCOUNT);
            json.writeString(row.account());
            json.writeName(AMOUNT);
            json.writeString(row.amount().toPlainString());
            json.writeName(CURRENCY);
            json.writeString(row.currency());
            json.writeName(TIMESTAMP);
            json.writeString(row.occurredAt().toString());
            json.writeName(DESCRIPTION);
            json.writeString(row.description());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeName(NEXT);
        json.writeNumber(page.next());
        json.writeEndObject();
    }
}
