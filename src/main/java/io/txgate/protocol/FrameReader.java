package io.txgate.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads LF-terminated frames (a CR right before the LF is dropped) with a body size limit.
 *
 * <p>An oversized frame is not an error of the stream: its remaining bytes are skipped up to the next LF so the
 * connection can carry on with the next frame. The buffer starts small and grows only as far as a frame needs, so a
 * large limit does not cost memory for small frames. Every buffer, and the body handed out, is taken from a
 * {@link FrameMemory} first; when it refuses, the frame is skipped like an oversized one and reported as
 * {@link Frame.Overloaded}.
 */
public final class FrameReader {

    private static final int INITIAL_BUFFER = 4096;

    private final int maxBodyBytes;

    public FrameReader(int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Reads the next frame with as much memory as it needs. */
    public Frame read(InputStream in) throws IOException {
        return read(in, FrameMemory.UNBOUNDED);
    }

    /**
     * Reads the next frame. The body of a returned {@link Frame.Body} stays taken from {@code memory}; the caller
     * gives it back once the frame is answered. Everything else is given back before this returns or throws.
     *
     * @return the frame, or {@code null} when the stream ended cleanly between frames
     * @throws TruncatedFrameException when the stream ended inside a frame
     */
    public Frame read(InputStream in, FrameMemory memory) throws IOException {
        var frame = new Buffer(memory, maxBodyBytes);
        try {
            int next;
            while ((next = in.read()) >= 0) {
                if (next == '\n') {
                    return frame.end();
                }
                frame.add((byte) next);
            }
            if (frame.total == 0) {
                return null;
            }
            throw new TruncatedFrameException(frame.total);
        } finally {
            frame.drop();
        }
    }

    /** The bytes of one frame, held while they fit the limit and the memory allows; from then on only counted. */
    private static final class Buffer {

        private static final byte[] EMPTY = new byte[0];

        private final FrameMemory memory;
        private final int maxBodyBytes;
        // One byte more than the limit is kept so a body of exactly the limit may still be followed by CR.
        private final int keep;
        private byte[] bytes = EMPTY;
        private int length;
        private long total;
        private int previous = -1;
        private boolean skipping;

        Buffer(FrameMemory memory, int maxBodyBytes) {
            this.memory = memory;
            this.maxBodyBytes = maxBodyBytes;
            this.keep = maxBodyBytes + 1;
        }

        void add(byte next) {
            total++;
            previous = next;
            if (skipping) {
                return;
            }
            if (length == keep) {
                // Over the limit whatever follows: keep counting, stop holding.
                drop();
                return;
            }
            if (length == bytes.length && !grow()) {
                drop();
                return;
            }
            bytes[length++] = next;
        }

        /** The frame, once its LF was read. */
        Frame end() {
            // Report the body's size as the client sees it: without the line ending.
            long bodyBytes = previous == '\r' ? total - 1 : total;
            if (bodyBytes > maxBodyBytes) {
                return new Frame.Oversized(bodyBytes, maxBodyBytes);
            }
            if (skipping || !memory.reserve(bodyBytes)) {
                return new Frame.Overloaded(bodyBytes);
            }
            return new Frame.Body(Arrays.copyOf(bytes, (int) bodyBytes));
        }

        /** Doubles the buffer (the first one is allocated with the first byte, so a silent peer costs nothing). */
        private boolean grow() {
            int size =
                    bytes.length == 0 ? Math.min(INITIAL_BUFFER, keep) : (int) Math.min((long) bytes.length * 2, keep);
            if (!memory.reserve(size)) {
                return false;
            }
            byte[] bigger = Arrays.copyOf(bytes, size);
            memory.release(bytes.length);
            bytes = bigger;
            return true;
        }

        /** Gives the buffer back; the rest of the frame is only counted. */
        void drop() {
            memory.release(bytes.length);
            bytes = EMPTY;
            skipping = true;
        }
    }
}
