package io.txgate.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where the consumer writes, one transaction per line. A file is its own checkpoint: each line carries its position,
 * so the last complete line says where to resume, and the position can never disagree with what was written. A line
 * cut short by a crash (kill -9, power loss) is cut off at start and fetched again; each page is forced to disk before
 * the next is asked for.
 */
abstract sealed class FeedOutput implements AutoCloseable {

    /** The position after which to continue: the last line's, or {@code absent} when there is none. */
    abstract long resumeAfter(long absent);

    /** Appends the lines (without line ends) and makes them durable. */
    abstract void append(List<String> lines) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /**
     * Opens (or creates) the file, cuts off an incomplete last line, and reads the position of the last complete one
     * with {@code positionOf}.
     */
    static FeedOutput file(Path path, ToLongFunction<String> positionOf) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        var channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            String last = recoverLastLine(channel);
            Long position = last == null ? null : positionOf.applyAsLong(last);
            channel.position(channel.size());
            return new ToFile(channel, position);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static FeedOutput stdout() {
        return new ToStdout(System.out);
    }

    /** Truncates after the last line end and returns the last complete line, or null when the file holds none. */
    static String recoverLastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        long end = lastLineEnd(channel, size);
        if (end + 1 < size) {
            channel.truncate(end + 1);
            channel.force(true);
        }
        if (end < 0) {
            return null;
        }
        long start = lastLineEnd(channel, end) + 1;
        var line = ByteBuffer.allocate(Math.toIntExact(end - start));
        while (line.hasRemaining() && channel.read(line, start + line.position()) >= 0) {
            // reads until the buffer holds the whole line
        }
        return new String(line.array(), StandardCharsets.UTF_8);
    }

    /** The offset of the last '\n' before {@code before}, or -1. */
    private static long lastLineEnd(FileChannel channel, long before) throws IOException {
        var chunk = ByteBuffer.allocate(8192);
        long end = before;
        while (end > 0) {
            long start = Math.max(0, end - chunk.capacity());
            chunk.clear().limit(Math.toIntExact(end - start));
            while (chunk.hasRemaining() && channel.read(chunk, start + chunk.position()) >= 0) {
                // reads the whole chunk
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    private static byte[] encode(List<String> lines) {
        var text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final class ToFile extends FeedOutput {

        private final FileChannel channel;
        private final Long lastPosition;

        ToFile(FileChannel channel, Long lastPosition) {
            this.channel = channel;
            this.lastPosition = lastPosition;
        }

        @Override
        long resumeAfter(long absent) {
            return lastPosition == null ? absent : lastPosition;
        }

        @Override
        void append(List<String> lines) throws IOException {
            var bytes = ByteBuffer.wrap(encode(lines));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // Durable before the next page is asked for: what the file holds is what the consumer has taken.
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class ToStdout extends FeedOutput {

        private final PrintStream out;

        ToStdout(OutputStream out) {
            this.out = out instanceof PrintStream print ? print : new PrintStream(out, false, StandardCharsets.UTF_8);
        }

        @Override
        long resumeAfter(long absent) {
            return absent;
        }

        @Override
        void append(List<String> lines) throws IOException {
            out.write(encode(lines));
            out.flush();
            if (out.checkError()) {
                throw new IOException("standard output is closed");
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
