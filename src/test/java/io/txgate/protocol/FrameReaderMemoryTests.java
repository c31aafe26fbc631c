package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reader takes every buffer from its FrameMemory, gives back all but the body, and skips what it cannot hold. */
class FrameReaderMemoryTests {

    private static final int LIMIT = 100_000;

    private final FrameReader reader = new FrameReader(LIMIT);

    @Test
    void frameWhenReadShouldHoldOnlyItsBodyAfterwards() throws IOException {
        var memory = new CountingMemory(Long.MAX_VALUE);

        Frame frame = reader.read(stream("x".repeat(10_000) + "\r\n"), memory);

        assertThat(frame).isInstanceOf(Frame.Body.class);
        assertThat(memory.held).isEqualTo(10_000);
        assertThat(memory.most).as("buffers are counted while they are held").isGreaterThan(10_000);
    }

    @Test
    void frameWhenMemoryRefusesToGrowShouldBeSkippedAsOverloadedAndTheNextReadIntact() throws IOException {
        var memory = new CountingMemory(8_192);
        InputStream in = stream("y".repeat(20_000) + "\r\nok\n");

        assertThat(reader.read(in, memory)).isEqualTo(new Frame.Overloaded(20_000));
        assertThat(memory.held).as("nothing kept for a refused frame").isZero();
        assertThat(memory.most).isLessThanOrEqualTo(8_192);
        assertThat(reader.read(in, memory))
                .isInstanceOfSatisfying(
                        Frame.Body.class,
                        body -> assertThat(new String(body.bytes(), StandardCharsets.US_ASCII))
                                .isEqualTo("ok"));
    }

    @Test
    void frameWhenMemoryRefusesTheBodyCopyShouldBeOverloaded() throws IOException {
        // Room for the 4 KiB first buffer, not for a body next to it.
        var memory = new CountingMemory(4_096 + 100);

        assertThat(reader.read(stream("z".repeat(1_000) + "\n"), memory)).isEqualTo(new Frame.Overloaded(1_000));
        assertThat(memory.held).isZero();
    }

    @Test
    void frameWhenOverTheLimitShouldStayOversizedAndGiveItsBufferBack() throws IOException {
        var memory = new CountingMemory(Long.MAX_VALUE);

        assertThat(reader.read(stream("w".repeat(LIMIT + 5) + "\n"), memory))
                .isEqualTo(new Frame.Oversized(LIMIT + 5, LIMIT));
        assertThat(memory.held).isZero();
    }

    @Test
    void frameWhenOverTheLimitAndRefusedShouldBeReportedOversizedSoTheClientSplitsIt() throws IOException {
        assertThat(reader.read(stream("v".repeat(LIMIT + 1) + "\n"), new CountingMemory(0)))
                .isEqualTo(new Frame.Oversized(LIMIT + 1, LIMIT));
    }

    @Test
    void streamWhenEndingMidFrameShouldGiveTheBufferBack() {
        var memory = new CountingMemory(Long.MAX_VALUE);

        assertThatThrownBy(() -> reader.read(stream("u".repeat(9_000)), memory))
                .isInstanceOf(TruncatedFrameException.class);
        assertThat(memory.held).isZero();
    }

    @Test
    void silentStreamWhenEndedShouldHaveTakenNothing() throws IOException {
        var memory = new CountingMemory(0);

        assertThat(reader.read(stream(""), memory)).isNull();
        assertThat(memory.most).isZero();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Grants up to a limit and remembers what is held and the most that was. */
    private static final class CountingMemory implements FrameMemory {

        private final long limit;
        private long held;
        private long most;

        CountingMemory(long limit) {
            this.limit = limit;
        }

        @Override
        public boolean reserve(long bytes) {
            if (held + bytes > limit) {
                return false;
            }
            held += bytes;
            most = Math.max(most, held);
            return true;
        }

        @Override
        public void release(long bytes) {
            held -= bytes;
            assertThat(held).as("never gives back more than it took").isNotNegative();
        }
    }
}
