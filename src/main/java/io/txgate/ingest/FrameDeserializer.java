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
 * of the stream, clean or in mid-frame, ends the connection softly.
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
            frame = reader.read(in);
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
