package io.txgate.ingest;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Frame;
import io.txgate.protocol.Reply;
import io.txgate.protocol.ReplyEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The service activator of the ingest flow: a burst of frames in, their encoded replies out, in order. All batches of
 * a burst are handed to the store before the first reply is awaited, so a pipelining client's batches share commits.
 * It never throws, because an exception here would leave the client without a reply. Rejections are logged by the
 * connection ({@link RejectionLog}), which knows how many it has logged already.
 */
class BatchFrameHandler implements GenericHandler<FrameBurst> {

    private static final Logger log = LoggerFactory.getLogger(BatchFrameHandler.class);
    private static final byte[] CRLF = {'\r', '\n'};

    /** Header of the reply message: the burst's {@link Reply} objects, in order. */
    static final String REPLIES = "txgate_replies";

    private final IngestService ingest;
    private final FrameObserver observer;
    private final ReplyEncoder encoder = new ReplyEncoder();

    BatchFrameHandler(IngestService ingest, FrameObserver observer) {
        this.ingest = ingest;
        this.observer = observer;
    }

    /**
     * The replies, separated by CR LF (the connection's serializer ends the last one), as the payload; the
     * {@link Reply} objects in header {@link #REPLIES}, for the connection's rules and its rejection log.
     */
    @Override
    public Message<byte[]> handle(FrameBurst burst, MessageHeaders headers) {
        String connectionId = (String) headers.get(IpHeaders.CONNECTION_ID);
        String clientId = (String) headers.get(ClientIdMapper.CLIENT_ID);
        long received = System.nanoTime();
        long deadline = received + ingest.replyTimeout().toNanos();
        var pending = new ArrayList<IngestService.Pending>(burst.frames().size());
        for (Frame frame : burst.frames()) {
            observer.received(frame);
            pending.add(submit(frame, connectionId, clientId));
        }
        var replies = new ArrayList<Reply>(pending.size());
        var encoded = new ByteArrayOutputStream(96 * pending.size());
        for (IngestService.Pending each : pending) {
            if (encoded.size() > 0) {
                encoded.writeBytes(CRLF);
            }
            Reply reply = replyTo(each, deadline, connectionId);
            observer.answered(reply, System.nanoTime() - received);
            replies.add(reply);
            encoded.writeBytes(encoder.encode(reply));
        }
        return MessageBuilder.withPayload(encoded.toByteArray())
                .setHeader(REPLIES, replies)
                .build();
    }

    private IngestService.Pending submit(Frame frame, String connectionId, String clientId) {
        try {
            return ingest.submit(frame, clientId);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling a frame on {}", connectionId, e);
            return new IngestService.Pending(
                    null, Reply.rejected(null, ErrorCode.UNAVAILABLE, "internal error, retry later"), null);
        }
    }

    private Reply replyTo(IngestService.Pending pending, long deadline, String connectionId) {
        try {
            return ingest.await(pending, deadline);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling a frame on {}", connectionId, e);
            return Reply.rejected(pending.batchId(), ErrorCode.UNAVAILABLE, "internal error, retry later");
        }
    }
}
