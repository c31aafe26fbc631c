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
 * the connection unanswered); an oversized frame comes out as {@link Frame.Oversized} for the flow to reject. The end
 * of the stream, clean or in mid-frame, and a frame that takes longer than the frame timeout end the connection
 * softly.
 */
class FrameDeserializer implements Deserializer<Frame> {

    private static final Logger log = LoggerFactory.getLogger(FrameDeserializer.class);

    private final FrameReader reader;

    FrameDeserializer(int maxFrameBytes) {
        this.reader = new FrameReader(maxFrameBytes);
    }

    @Override
    public Frame deserialize(InputStream in) throws IOException {
        Frame frame;
        try {
            if (in instanceof FrameInputStream frames) {
                frames.beginFrame();
            }
            frame = reader.read(in);
        } catch (FrameInputStream.FrameTimeoutException e) {
            log.info("closing a connection whose frame was not complete in time (txgate.server.frame-timeout)");
            throw new SoftEndOfStreamException("frame not completed in time");
        } catch (TruncatedFrameException e) {
            log.debug("peer closed mid-frame, nothing stored: {}", e.getMessage());
            throw new SoftEndOfStreamException("stream closed mid-frame");
        }
        if (frame == null) {
            throw new SoftEndOfStreamException("stream closed between frames");
        }
        return frame;
    }
}
