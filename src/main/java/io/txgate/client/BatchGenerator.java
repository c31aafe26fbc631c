package io.txgate.client;

import io.txgate.protocol.Batch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source polled on the client's schedule: the next random batch, or nothing when the run has made all its batches
 * or the outbox is full. A full outbox pauses generation instead of dropping batches; it is logged once when it fills
 * and once when it has room again.
 */
class BatchGenerator implements Supplier<Batch> {

    private static final Logger log = LoggerFactory.getLogger(BatchGenerator.class);

    private final RandomBatchSource source;
    private final Outbox outbox;
    private final ClientRun run;
    private volatile boolean paused;

    BatchGenerator(RandomBatchSource source, Outbox outbox, ClientRun run) {
        this.source = source;
        this.outbox = outbox;
        this.run = run;
    }

    @Override
    public Batch get() {
        if (!run.wantsMore()) {
            return null;
        }
        if (outbox.isFull()) {
            if (!paused) {
                paused = true;
                log.warn(
                        "client outbox {} is full ({} batches not acknowledged, txgate.client.outbox-max-batches={}):"
                                + " generation paused until the server takes batches again; nothing is dropped",
                        outbox.file(),
                        outbox.depth(),
                        outbox.capacity());
            }
            return null;
        }
        if (paused) {
            paused = false;
            log.info("client outbox has room again ({} batches waiting): generation resumed", outbox.depth());
        }
        return source.next();
    }
}
