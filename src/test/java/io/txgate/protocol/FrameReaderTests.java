package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameReaderTests {

    private static final int LIMIT = 16;

    private final FrameReader reader = new FrameReader(LIMIT);

    @Test
    void frameWhenEndedByCrLfShouldDropBoth() throws IOException {
        assertThat(body(reader.read(stream("abc\r\n")))).isEqualTo("abc");
    }

    @Test
    void frameWhenEndedByBareLfShouldBeAccepted() throws IOException {
        assertThat(body(reader.read(stream("abc\n")))).isEqualTo("abc");
    }

    @Test
    void crWhenNotRightBeforeLfShouldStayInBody() throws IOException {
        InputStream in = stream("a\rb\r\n\rc\n\r\r\n");

        assertThat(body(reader.read(in))).isEqualTo("a\rb");
        assertThat(body(reader.read(in))).isEqualTo("\rc");
        assertThat(body(reader.read(in))).isEqualTo("\r");
        assertThat(reader.read(in)).isNull();
    }

    @Test
    void emptyLineWhenReadShouldGiveEmptyBody() throws IOException {
        InputStream in = stream("\r\n\n");

        assertThat(reader.read(in))
                .isInstanceOf(Frame.Body.class)
                .extracting(FrameReaderTests::body)
                .isEqualTo("");
        assertThat(body(reader.read(in))).isEmpty();
        assertThat(reader.read(in)).isNull();
    }

    @Test
    void severalFramesWhenInOneStreamShouldBeReadInOrder() throws IOException {
        InputStream in = stream("one\r\ntwo\nthree\r\n");

        assertThat(body(reader.read(in))).isEqualTo("one");
        assertThat(body(reader.read(in))).isEqualTo("two");
        assertThat(body(reader.read(in))).isEqualTo("three");
        assertThat(reader.read(in)).isNull();
    }

    @Test
    void streamWhenEmptyShouldGiveNull() throws IOException {
        assertThat(reader.read(stream(""))).isNull();
    }

    @Test
    void streamWhenEndingMidFrameShouldThrowTruncated() {
        assertThatThrownBy(() -> reader.read(stream("{\"batchId\"")))
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessageContaining("10 bytes");
    }

    @Test
    void streamWhenEndingAfterCrOnlyShouldThrowTruncated() throws IOException {
        InputStream in = stream("ok\nabc\r");

        assertThat(body(reader.read(in))).isEqualTo("ok");
        assertThatThrownBy(() -> reader.read(in)).isInstanceOf(TruncatedFrameException.class);
    }

    @Test
    void bodyWhenExactlyTheLimitShouldPass() throws IOException {
        String atLimit = "x".repeat(LIMIT);
        InputStream in = stream(atLimit + "\n" + atLimit + "\r\n");

        assertThat(body(reader.read(in))).isEqualTo(atLimit);
        assertThat(body(reader.read(in))).isEqualTo(atLimit);
        assertThat(reader.read(in)).isNull();
    }

    @Test
    void bodyWhenOneOverTheLimitShouldBeOversizedAndNextFrameIntact() throws IOException {
        String overLimit = "x".repeat(LIMIT + 1);
        InputStream in = stream(overLimit + "\nnext\r\n" + overLimit + "\r\nlast\n");

        assertThat(reader.read(in)).isEqualTo(new Frame.Oversized(LIMIT + 1, LIMIT));
        assertThat(body(reader.read(in))).isEqualTo("next");
        assertThat(reader.read(in)).isEqualTo(new Frame.Oversized(LIMIT + 1, LIMIT));
        assertThat(body(reader.read(in))).isEqualTo("last");
        assertThat(reader.read(in)).isNull();
    }

    @Test
    void bodyWhenLimitPlusCrButNotFollowedByLfShouldBeOversized() throws IOException {
        // The CR at position limit+1 is only a line ending if LF follows it right away.
        String body = "x".repeat(LIMIT) + "\ry";
        InputStream in = stream(body + "\nnext\n");

        assertThat(reader.read(in)).isEqualTo(new Frame.Oversized(LIMIT + 2, LIMIT));
        assertThat(body(reader.read(in))).isEqualTo("next");
    }

    @Test
    void bodyWhenFarOverTheLimitShouldBeSkippedToLf() throws IOException {
        byte[] huge = new byte[1_000_000];
        Arrays.fill(huge, (byte) '{');
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(huge);
        bytes.writeBytes("\r\n{}\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = new ByteArrayInputStream(bytes.toByteArray());

        assertThat(reader.read(in)).isEqualTo(new Frame.Oversized(huge.length, LIMIT));
        assertThat(body(reader.read(in))).isEqualTo("{}");
    }

    @Test
    void oversizedFrameWhenStreamEndsBeforeLfShouldThrowTruncated() {
        assertThatThrownBy(() -> reader.read(stream("x".repeat(LIMIT * 3))))
                .isInstanceOf(TruncatedFrameException.class);
    }

    @Test
    void bodyBytesWhenNotTextShouldPassThroughUnchanged() throws IOException {
        byte[] raw = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\r', 'a', '\n'};

        Frame frame = reader.read(new ByteArrayInputStream(raw));

        assertThat(((Frame.Body) frame).bytes()).containsExactly(0, 0xff, 0xc3, 0x28, '\r', 'a');
    }

    @Test
    void bodyWhenLargerThanInitialBufferShouldBeReadWhole() throws IOException {
        var large = new FrameReader(1 << 20);
        String body = "0123456789".repeat(50_000);

        assertThat(body(large.read(stream(body + "\r\n")))).isEqualTo(body);
    }

    @Test
    void smallFramesWhenLimitIsLargeShouldNotAllocateTheLimit() throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
        var allocation = (com.sun.management.ThreadMXBean) threads;
        assumeThat(allocation.isThreadAllocatedMemorySupported()).isTrue();
        allocation.setThreadAllocatedMemoryEnabled(true);
        var large = new FrameReader(1 << 20);
        int frames = 1_000;
        byte[] stream = "0123456789\r\n".repeat(frames).getBytes(StandardCharsets.US_ASCII);
        InputStream in = new ByteArrayInputStream(stream);

        long before = allocation.getThreadAllocatedBytes(Thread.currentThread().getId());
        int read = 0;
        while (large.read(in) != null) {
            read++;
        }
        long allocated =
                allocation.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(read).isEqualTo(frames);
        // Allocating the 1 MiB limit per frame would be a gigabyte; a small growing buffer is a few MB at most.
        assertThat(allocated).isLessThan(64L * frames * 1024);
    }

    @Test
    void limitWhenNotPositiveShouldBeRefused() {
        assertThatThrownBy(() -> new FrameReader(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Frame frame) {
        assertThat(frame).isInstanceOf(Frame.Body.class);
        return new String(((Frame.Body) frame).bytes(), StandardCharsets.UTF_8);
    }
}
