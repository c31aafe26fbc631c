package io.txgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * A connection's buffered input, kept for the connection's life (bytes read ahead belong to the next frame), with the
 * connection's account of frame memory.
 *
 * <p>Spring Integration hands deserializers the raw socket stream, so byte-wise framing would cost a system call per
 * byte. This buffer also enforces the frame timeout: a frame must be complete within a limit from its first byte,
 * because the socket's read timeout only catches silence and a peer trickling a byte a second would otherwise hold
 * its connection and thread forever. The clock is read once per frame and once per refill, never per byte.
 *
 * <p>The buffer starts at {@value #INITIAL_BUFFER_BYTES} bytes, a fixed cost of every connection. It grows to
 * {@value #MAX_BUFFER_BYTES} bytes, drawn from the memory budget, once a read fills it: then the client sends faster
 * than one small frame at a time, and a pipelining client's next frame of a few hundred transactions should fit
 * behind the current one, so that read-ahead ({@link ConnectionFrames}) can see it whole.
 */
class FrameInputStream extends InputStream {

    static final int INITIAL_BUFFER_BYTES = 8 * 1024;
    static final int MAX_BUFFER_BYTES = 64 * 1024;

    private final InputStream socket;
    private final long frameLimitNanos;
    private final ConnectionMemory memory;
    private byte[] buffer = new byte[0];
    private int position;
    private int count;
    private boolean inFrame;
    private long frameDeadline;

    FrameInputStream(InputStream socket, long frameLimitNanos, ConnectionMemory memory) {
        this.socket = socket;
        this.frameLimitNanos = frameLimitNanos;
        this.memory = memory;
    }

    /** A connection's stream without a budget (tests). */
    FrameInputStream(InputStream socket, long frameLimitNanos) {
        this(socket, frameLimitNanos, ConnectionMemory.unbounded());
    }

    /** The connection's account of the memory its frames hold. */
    ConnectionMemory memory() {
        return memory;
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
     * The length (LF included) of the whole frame at the front of the buffer, or -1 when no whole frame is here yet,
     * so that reading it cannot block. Bytes the socket has received but not yet handed over are pulled into the
     * buffer first, as far as they fit; this never waits for more.
     */
    int bufferedFrameBytes() throws IOException {
        int end = lfIndex(position, count);
        if (end >= 0) {
            return end + 1 - position;
        }
        int waiting = socket.available();
        if (waiting <= 0) {
            return -1;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, count - position);
            count -= position;
            position = 0;
        }
        if (count == buffer.length && !grow()) {
            return -1;
        }
        int read = socket.read(buffer, count, Math.min(buffer.length - count, waiting));
        if (read <= 0) {
            return -1;
        }
        int from = count;
        count += read;
        end = lfIndex(from, count);
        return end < 0 ? -1 : end + 1 - position;
    }

    private int lfIndex(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
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
            buffer = new byte[INITIAL_BUFFER_BYTES];
        } else if (count == buffer.length) {
            // The last read filled the buffer: more was waiting than it holds.
            grow();
        }
        int read = socket.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        count = read;
        return true;
    }

    /** Doubles the buffer (keeping unread bytes) up to its maximum, if the memory budget has room right now. */
    private boolean grow() {
        int size = Math.min(buffer.length * 2, MAX_BUFFER_BYTES);
        if (size <= buffer.length || !memory.tryGrowReadBuffer(size - buffer.length)) {
            return false;
        }
        buffer = Arrays.copyOf(buffer, size);
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
