package io.txgate.ingest;

import io.txgate.protocol.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import org.springframework.core.serializer.Deserializer;

/**
 * Reads the next frame and, when the client has pipelined more, the complete frames already waiting behind it.
 *
 * <p>The inbound gateway answers one message before it reads the next, so a connection that read one frame at a time
 * would have one batch in the store at a time, however many its client pipelined; the single writer would then commit
 * small groups and wait between them. Taking what has already arrived lets a pipelining connection hand the store all
 * its batches at once, while a client that waits for each reply (nothing buffered behind its frame) sees no change.
 *
 * <p>It reads on only while a whole further frame (up to its LF) is already there, found by peeking into the
 * connection's buffered stream, so reading ahead never blocks and never stops inside a frame. It stops at {@value
 * #MAX_FRAMES} frames or once the bodies add up to the frame size limit, so a burst holds at most about two
 * maximum-size frames; frames longer than {@value #PEEK_BYTES} bytes are not read ahead (they fill groups anyway).
 *
 * <p>A frame found whole by peeking is framed from the peeked copy: the connection's stream is a synchronized {@code
 * BufferedInputStream}, and framing byte by byte on it took a lock per byte, several percent of the server's CPU.
 * Frames that arrive in pieces are read from the stream as before.
 */
class FrameBurstDeserializer implements Deserializer<FrameBurst> {

    static final int MAX_FRAMES = 64;
    static final int PEEK_BYTES = 64 * 1024;

    private static final int FIRST_PEEK = 8 * 1024;

    private final FrameDeserializer frames;
    private final long maxBurstBytes;

    FrameBurstDeserializer(FrameDeserializer frames, long maxBurstBytes) {
        this.frames = frames;
        this.maxBurstBytes = maxBurstBytes;
    }

    @Override
    public FrameBurst deserialize(InputStream in) throws IOException {
        Frame first = waitingFrame(in);
        if (first == null && awaitInput(in)) {
            first = waitingFrame(in);
        }
        if (first == null) {
            // In pieces, at the end of the stream, or not peekable: frame straight from the stream.
            first = frames.deserialize(in);
        }
        Frame next = waitingFrame(in);
        if (next == null) {
            return FrameBurst.of(first);
        }
        var burst = new ArrayList<Frame>();
        burst.add(first);
        long bytes = bodyBytes(first);
        while (next != null) {
            burst.add(next);
            bytes += bodyBytes(next);
            next = burst.size() < MAX_FRAMES && bytes < maxBurstBytes ? waitingFrame(in) : null;
        }
        return new FrameBurst(burst);
    }

    /** Blocks until at least one byte (or the end of the stream) has arrived; false when the stream cannot peek. */
    private static boolean awaitInput(InputStream in) throws IOException {
        if (!in.markSupported()) {
            return false;
        }
        in.mark(1);
        int first = in.read();
        in.reset();
        return first >= 0;
    }

    /** The next frame if all of it (up to its LF) has arrived already, framed from a copy; else null. Never blocks. */
    private Frame waitingFrame(InputStream in) throws IOException {
        ByteSlice frame = peekFrame(in);
        if (frame == null) {
            return null;
        }
        in.skipNBytes(frame.length);
        return frames.deserialize(frame);
    }

    /** A copy of the next frame's bytes up to and including its LF, if that LF has arrived, else null. */
    static ByteSlice peekFrame(InputStream in) throws IOException {
        int available = in.available();
        if (available <= 0 || !in.markSupported()) {
            return null;
        }
        int limit = Math.min(available, PEEK_BYTES);
        var peeked = new byte[Math.min(limit, FIRST_PEEK)];
        in.mark(limit);
        try {
            int read = 0;
            while (read < limit) {
                if (read == peeked.length) {
                    peeked = Arrays.copyOf(peeked, Math.min(limit, peeked.length * 2));
                }
                // At most what is available: this read cannot block.
                int n = in.read(peeked, read, peeked.length - read);
                if (n <= 0) {
                    return null;
                }
                for (int i = read; i < read + n; i++) {
                    if (peeked[i] == '\n') {
                        return new ByteSlice(peeked, i + 1);
                    }
                }
                read += n;
            }
            return null;
        } finally {
            in.reset();
        }
    }

    private static long bodyBytes(Frame frame) {
        return frame instanceof Frame.Body body ? body.bytes().length : 0;
    }

    /** An unsynchronized stream over one frame's bytes, for the framing's byte-by-byte reads. */
    static final class ByteSlice extends InputStream {

        private final byte[] bytes;
        private final int length;
        private int position;

        ByteSlice(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? bytes[position++] & 0xff : -1;
        }
    }
}
