package io.txgate.ingest;

import io.txgate.protocol.Frame;
import io.txgate.protocol.FrameReader;
import io.txgate.protocol.TruncatedFrameException;
import java.io.IOException;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A connection's framing, in one place: frames read from the connection's {@link FrameInputStream} with
 * {@link FrameReader}, bounded by the connection's {@link ConnectionMemory}, and handed on in bursts.
 *
 * <p>It never throws for a bad frame (an exception would close the connection unanswered): an oversized frame comes
 * out as {@link Frame.Oversized}, and a frame the connection's memory has no room for, neither for its bytes nor for
 * the batch it would become, as {@link Frame.Overloaded}, for the flow to reject. The end of the stream, clean or in
 * mid-frame, ends the connection softly; a frame that takes longer than the frame timeout ends it with
 * {@link FrameInputStream.FrameTimeoutException}, which the connection reports.
 *
 * <p><b>Bursts.</b> The inbound gateway answers one message before it reads the next, so a connection that read one
 * frame at a time would have one batch in the store at a time, however many its client pipelined; the single writer
 * would then commit small groups and wait between them. A burst is the next frame plus the complete frames already
 * waiting behind it, so a pipelining connection hands the store all its batches at once, while a client that waits
 * for each reply (nothing buffered behind its frame) sees no change. It reads on only while a whole further frame (up
 * to its LF) is already in the buffer and the connection's memory has room for it now, so reading ahead never blocks
 * and never stops inside a frame. It stops at {@value #MAX_FRAMES} frames or once the bodies add up to the frame size
 * limit, so a burst holds at most about two maximum-size frames; frames longer than the buffer are not read ahead
 * (they fill groups anyway).
 */
final class ConnectionFrames {

    static final int MAX_FRAMES = 64;

    private static final Logger log = LoggerFactory.getLogger(ConnectionFrames.class);

    private final FrameInputStream in;
    private final FrameReader reader;
    private final long maxBurstBytes;

    /** Frames of at most {@code maxFrameBytes}; a burst ends once its bodies reach {@code maxBurstBytes}. */
    ConnectionFrames(FrameInputStream in, int maxFrameBytes, long maxBurstBytes) {
        this.in = in;
        this.reader = new FrameReader(maxFrameBytes);
        this.maxBurstBytes = maxBurstBytes;
    }

    ConnectionFrames(FrameInputStream in, int maxFrameBytes) {
        this(in, maxFrameBytes, maxFrameBytes);
    }

    /** The buffered input the frames are read from. */
    FrameInputStream input() {
        return in;
    }

    /** The next frame and the complete frames already waiting behind it; waits for the first one only. */
    FrameBurst nextBurst() throws IOException {
        Frame first = nextFrame();
        if (!nextFrameReady()) {
            return FrameBurst.of(first);
        }
        var burst = new ArrayList<Frame>();
        burst.add(first);
        long bytes = bodyBytes(first);
        do {
            Frame next = nextFrame();
            burst.add(next);
            bytes += bodyBytes(next);
        } while (burst.size() < MAX_FRAMES && bytes < maxBurstBytes && nextFrameReady());
        return new FrameBurst(burst);
    }

    /** The next frame, waiting for it. */
    Frame nextFrame() throws IOException {
        in.beginFrame();
        ConnectionMemory memory = in.memory();
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

    /** True when the bytes already received hold a whole frame and there is memory for it, so reading cannot block. */
    private boolean nextFrameReady() throws IOException {
        int frameBytes = in.bufferedFrameBytes();
        return frameBytes >= 0 && in.memory().hasRoomForFrame(frameBytes);
    }

    private static long bodyBytes(Frame frame) {
        return frame instanceof Frame.Body body ? body.bytes().length : 0;
    }
}
