package io.txgate.client;

import io.txgate.protocol.Batch;
import io.txgate.protocol.BatchEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.GenericHandler;
import org.springframework.messaging.MessageHeaders;

/**
 * The end of the generation flow: encodes a new batch and stores its frame in the outbox, then wakes the sender. A
 * batch counts as generated only once its frame is durable; from then on it is sent until the server answers it.
 */
class OutboxWriter implements GenericHandler<Batch> {

    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

    private final BatchEncoder encoder = new BatchEncoder();
    private final Outbox outbox;
    private final ClientRun run;
    private final OutboxSender sender;

    OutboxWriter(Outbox outbox, ClientRun run, OutboxSender sender) {
        this.outbox = outbox;
        this.run = run;
        this.sender = sender;
    }

    @Override
    public Object handle(Batch batch, MessageHeaders headers) {
        outbox.add(batch.batchId(), encoder.encode(batch));
        run.generated();
        log.debug(
                "batch {} of {} transactions queued, outbox depth {}", batch.batchId(), batch.count(), outbox.depth());
        sender.wake();
        return null;
    }
}
