package io.txgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A connection's buffered input, kept for the connection's life (bytes read ahead belong to the next frame).
 *
 * <p>Spring Integration hands deserializers the raw socket stream, so byte-wise framing would cost a system call per
 * byte. This buffer also enforces the frame timeout: a frame must be complete within a limit from its first byte,
 * because the socket's read timeout only catches silence and a peer trickling a byte a second would otherwise hold
 * its connection and thread forever. The clock is read once per frame and once per refill, never per byte.
 */
class FrameInputStream extends InputStream {

    // Large enough that a pipelining client's next frame of a few hundred transactions fits behind the current one,
    // so read-ahead (FrameBurstDeserializer) can see it whole; allocated with the connection's first read.
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream socket;
    private final long frameLimitNanos;
    private byte[] buffer = new byte[0];
    private int position;
    private int count;
    private boolean inFrame;
    private long frameDeadline;

    FrameInputStream(InputStream socket, long frameLimitNanos) {
        this.socket = socket;
        this.frameLimitNanos = frameLimitNanos;
    }

    /** Marks a frame boundary: the next byte read starts the frame's clock. */
    void beginFrame() {
        inFrame = false;
    }

    @Override
    public int read() throws IOException {
        if (position == count && !fill()) {
            return -1;
        }
        if (!inFrame) {
            inFrame = true;
            frameDeadline = System.nanoTime() + frameLimitNanos;
        }
        return buffer[position++] & 0xFF;
    }

    /**
     * True when a whole frame up to its LF is already here, so reading it cannot block. Bytes the socket has received
     * but not yet handed over are pulled into the buffer first, as far as they fit; this never waits for more.
     */
    boolean completeFrameBuffered() throws IOException {
        if (containsLf(position, count)) {
            return true;
        }
        int waiting = socket.available();
        if (waiting <= 0) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, count - position);
            count -= position;
            position = 0;
        }
        int space = buffer.length - count;
        if (space <= 0) {
            return false;
        }
        int read = socket.read(buffer, count, Math.min(space, waiting));
        if (read <= 0) {
            return false;
        }
        int from = count;
        count += read;
        return containsLf(from, count);
    }

    private boolean containsLf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public int available() {
        return count - position;
    }

    private boolean fill() throws IOException {
        if (inFrame && System.nanoTime() - frameDeadline > 0) {
            throw new FrameTimeoutException();
        }
        if (buffer.length == 0) {
            buffer = new byte[BUFFER_BYTES];
        }
        int read = socket.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        count = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The frame took longer than allowed. */
    static final class FrameTimeoutException extends InterruptedIOException {
        FrameTimeoutException() {
            super("frame not completed in time");
        }
    }
}
