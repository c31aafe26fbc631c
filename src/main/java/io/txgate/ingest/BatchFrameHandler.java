package io.txgate.ingest;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Frame;
import io.txgate.protocol.Reply;
import io.txgate.protocol.ReplyEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The service activator of the ingest flow: one frame in, one encoded reply out. It never throws, because an
 * exception here would leave the client without a reply.
 */
class BatchFrameHandler implements GenericHandler<Frame> {

    private static final Logger log = LoggerFactory.getLogger(BatchFrameHandler.class);

    private final IngestService ingest;
    private final ReplyEncoder encoder = new ReplyEncoder();

    BatchFrameHandler(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public Object handle(Frame frame, MessageHeaders headers) {
        String connectionId = (String) headers.get(IpHeaders.CONNECTION_ID);
        String clientId = (String) headers.get(ClientIdMapper.CLIENT_ID);
        Reply reply = replyTo(frame, connectionId, clientId);
        if (!reply.acknowledged()) {
            log.info(
                    "rejected frame on {}: batchId={} {} {}",
                    connectionId,
                    reply.batchId(),
                    reply.error().code(),
                    reply.error().message());
        }
        return encoder.encode(reply);
    }

    private Reply replyTo(Frame frame, String connectionId, String clientId) {
        try {
            return ingest.ingest(frame, clientId);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling a frame on {}", connectionId, e);
            return Reply.rejected(null, ErrorCode.UNAVAILABLE, "internal error, retry later");
        }
    }
}
