package io.txgate.ingest;

import io.txgate.protocol.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import org.springframework.core.serializer.Deserializer;

/**
 * Reads the next frame and, when the client has pipelined more, the complete frames already waiting behind it.
 *
 * <p>The inbound gateway answers one message before it reads the next, so a connection that read one frame at a time
 * would have one batch in the store at a time, however many its client pipelined; the single writer would then commit
 * small groups and wait between them. Taking what has already arrived lets a pipelining connection hand the store all
 * its batches at once, while a client that waits for each reply (nothing buffered behind its frame) sees no change.
 *
 * <p>It reads on only while a whole further frame (up to its LF) is already in the connection's
 * {@link FrameInputStream} buffer and the connection's memory has room for it now, so reading ahead never blocks and
 * never stops inside a frame. It stops at {@value #MAX_FRAMES} frames or once the bodies add up to the frame size
 * limit, so a burst holds at most about two maximum-size frames; frames longer than the buffer are not read ahead
 * (they fill groups anyway).
 */
class FrameBurstDeserializer implements Deserializer<FrameBurst> {

    static final int MAX_FRAMES = 64;

    private final FrameDeserializer frames;
    private final long maxBurstBytes;

    FrameBurstDeserializer(FrameDeserializer frames, long maxBurstBytes) {
        this.frames = frames;
        this.maxBurstBytes = maxBurstBytes;
    }

    @Override
    public FrameBurst deserialize(InputStream in) throws IOException {
        Frame first = frames.deserialize(in);
        if (!nextFrameReady(in)) {
            return FrameBurst.of(first);
        }
        var burst = new ArrayList<Frame>();
        burst.add(first);
        long bytes = bodyBytes(first);
        do {
            Frame next = frames.deserialize(in);
            burst.add(next);
            bytes += bodyBytes(next);
        } while (burst.size() < MAX_FRAMES && bytes < maxBurstBytes && nextFrameReady(in));
        return new FrameBurst(burst);
    }

    /** True when the bytes already received hold a whole frame and there is memory for it, so reading cannot block. */
    static boolean nextFrameReady(InputStream in) throws IOException {
        if (!(in instanceof FrameInputStream buffered)) {
            return false;
        }
        int frameBytes = buffered.bufferedFrameBytes();
        return frameBytes >= 0 && buffered.memory().hasRoomForFrame(frameBytes);
    }

    private static long bodyBytes(Frame frame) {
        return frame instanceof Frame.Body body ? body.bytes().length : 0;
    }
}
