package io.txgate.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.diagnostics.FailureAnalyzedException;

/**
 * One client per outbox: an OS file lock on {@code <outbox>.lock}, held while the outbox is open (for a client
 * process, its whole life; the OS drops it when the process dies, however it dies). Two clients started in one folder
 * once shared the outbox and sent each other's batches; the second now stops at start with a message naming the
 * setting.
 *
 * <p>The file holds the process id of the holder, for the message. Outboxes open in this JVM are also kept in a set
 * and refused without touching their lock file: with POSIX locks, closing any channel on the file would drop the
 * lock the first one holds.
 */
final class OutboxLock implements AutoCloseable {

    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path outbox;
    private final FileChannel channel;

    private OutboxLock(Path outbox, FileChannel channel) {
        this.outbox = outbox;
        this.channel = channel;
    }

    /** Takes the lock of {@code outbox} (an absolute path), or stops with a message when another client has it. */
    static OutboxLock acquire(Path outbox) {
        Path lockFile = outbox.resolveSibling(outbox.getFileName() + ".lock");
        if (!OPEN_IN_THIS_JVM.add(outbox)) {
            throw inUse(outbox, lockFile, "this process");
        }
        try {
            FileChannel channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw inUse(outbox, lockFile, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new OutboxLock(outbox, channel);
        } catch (IOException e) {
            OPEN_IN_THIS_JVM.remove(outbox);
            throw new UncheckedIOException("cannot lock the client outbox with " + lockFile, e);
        } catch (RuntimeException e) {
            OPEN_IN_THIS_JVM.remove(outbox);
            throw e;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("[0-9]+") ? "process " + pid : "another process";
    }

    private static FailureAnalyzedException inUse(Path outbox, Path lockFile, String holder) {
        return new FailureAnalyzedException(
                "The client outbox " + outbox + " is in use by another txgate client (" + holder + " holds the lock "
                        + lockFile + "). Two clients sharing an outbox would send each other's batches.",
                "Give this client an outbox of its own with txgate.client.outbox-path (for example"
                        + " --txgate.client.outbox-path=data/client-2-outbox.db), or stop the other client first.");
    }

    @Override
    public void close() {
        try {
            // Closing the channel releases the lock.
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of the client outbox " + outbox, e);
        } finally {
            OPEN_IN_THIS_JVM.remove(outbox);
        }
    }
}
