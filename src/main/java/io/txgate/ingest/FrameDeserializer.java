package io.txgate.ingest;

import io.txgate.protocol.Frame;
import io.txgate.protocol.FrameReader;
import io.txgate.protocol.TruncatedFrameException;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Adapts {@link FrameReader} to Spring Integration. It never throws for a bad frame (an exception here would close
 * the connection unanswered); an oversized frame comes out as {@link Frame.Oversized}, and a frame the connection's
 * {@link ConnectionMemory} has no room for, neither for its bytes nor for the batch it would become, as
 * {@link Frame.Overloaded}, for the flow to reject. The end of the stream, clean or in mid-frame, ends the connection
 * softly; a frame that takes longer than the frame timeout ends it with {@link FrameInputStream.FrameTimeoutException},
 * which the connection reports.
 */
class FrameDeserializer implements Deserializer<Frame> {

    private static final Logger log = LoggerFactory.getLogger(FrameDeserializer.class);

    private final FrameReader reader;

    FrameDeserializer(int maxFrameBytes) {
        this.reader = new FrameReader(maxFrameBytes);
    }

    @Override
    public Frame deserialize(InputStream in) throws IOException {
        if (in instanceof FrameInputStream frames) {
            frames.beginFrame();
            return read(frames, frames.memory());
        }
        // A stream that is not a connection's (tests): nothing to bound.
        return read(in, ConnectionMemory.unbounded());
    }

    private Frame read(InputStream in, ConnectionMemory memory) throws IOException {
        Frame frame;
        try {
            frame = reader.read(in, memory);
        } catch (TruncatedFrameException e) {
            log.debug("peer closed mid-frame, nothing stored: {}", e.getMessage());
            throw new SoftEndOfStreamException("stream closed mid-frame");
        }
        if (frame == null) {
            throw new SoftEndOfStreamException("stream closed between frames");
        }
        if (frame instanceof Frame.Body body && !memory.reserveBatch(body.bytes().length)) {
            memory.release(body.bytes().length);
            return new Frame.Overloaded(body.bytes().length);
        }
        return frame;
    }
}
