package io.txgate.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads LF-terminated frames (a CR right before the LF is dropped) with a body size limit.
 *
 * <p>An oversized frame is not an error of the stream: its remaining bytes are skipped up to the next LF so the
 * connection can carry on with the next frame. The buffer starts small and grows only as far as a frame needs, so a
 * large limit does not cost memory for small frames.
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

    /**
     * Reads the next frame.
     *
     * @return the frame, or {@code null} when the stream ended cleanly between frames
     * @throws TruncatedFrameException when the stream ended inside a frame
     */
    public Frame read(InputStream in) throws IOException {
        // One byte more than the limit is kept so a body of exactly the limit may still be followed by CR.
        int keep = maxBodyBytes + 1;
        byte[] buffer = new byte[Math.min(INITIAL_BUFFER, keep)];
        int length = 0;
        long total = 0;
        boolean oversized = false;
        int previous = -1;
        int next;
        while ((next = in.read()) >= 0) {
            if (next == '\n') {
                if (!oversized && length == keep && buffer[length - 1] != '\r') {
                    oversized = true;
                }
                if (oversized) {
                    // Report the body's size as the client sees it: without the line ending.
                    return new Frame.Oversized(previous == '\r' ? total - 1 : total, maxBodyBytes);
                }
                int bodyLength = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
                return new Frame.Body(Arrays.copyOf(buffer, bodyLength));
            }
            total++;
            previous = next;
            if (oversized) {
                continue;
            }
            if (length == keep) {
                oversized = true;
                continue;
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, keep));
            }
            buffer[length++] = (byte) next;
        }
        if (total == 0) {
            return null;
        }
        throw new TruncatedFrameException(total);
    }
}
