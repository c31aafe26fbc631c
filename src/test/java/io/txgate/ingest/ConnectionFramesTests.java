package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.protocol.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

class ConnectionFramesTests {

    // --- single frames

    @Test
    void streamWhenClosedBetweenFramesShouldEndSoftly() throws IOException {
        var frames = frames("{}\r\n", 8);

        assertThat(frames.nextFrame()).isInstanceOf(Frame.Body.class);
        assertThatThrownBy(frames::nextFrame).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void streamWhenClosedMidFrameShouldEndSoftly() {
        assertThatThrownBy(() -> frames("{\"batch", 8).nextFrame()).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void streamWhenClosedWhileSkippingAnOversizedFrameShouldEndSoftly() {
        assertThatThrownBy(() -> frames("x".repeat(100), 8).nextFrame()).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void oversizedFrameWhenReadShouldBeAValueNotAnExceptionAndTheNextFrameIntact() throws IOException {
        var frames = frames("x".repeat(100) + "\r\n{}\n", 8);

        assertThat(frames.nextFrame()).isEqualTo(new Frame.Oversized(100, 8));
        assertThat(text(frames.nextFrame())).isEqualTo("{}");
    }

    @Test
    void frameWhenNoMemoryIsLeftForItsBatchShouldBeOverloadedAndHoldNothing() throws IOException {
        var memory = new ConnectionMemory(new MemoryBudget(1), Duration.ZERO);
        var frames = new ConnectionFrames(
                new FrameInputStream(
                        stream("x".repeat(10_000) + "\n{}\n"),
                        Duration.ofDays(1).toNanos(),
                        memory),
                20_000);

        assertThat(frames.nextFrame()).isEqualTo(new Frame.Overloaded(10_000));
        assertThat(memory.held()).isZero();
        assertThat(frames.nextFrame()).isInstanceOf(Frame.Body.class);
        assertThat(memory.held())
                .as("a small frame and its batch fit the connection's share")
                .isPositive();
    }

    // --- bursts

    @Test
    void burstWhenSeveralFramesAreBufferedShouldHoldThemAllInOrder() throws IOException {
        FrameBurst burst = frames("a\r\nbb\ncc\r\n", 100).nextBurst();

        assertThat(burst.frames()).map(ConnectionFramesTests::text).containsExactly("a", "bb", "cc");
    }

    @Test
    void burstWhenALaterFrameIsIncompleteShouldStopBeforeItWithoutReadingIt() throws IOException {
        var frames = frames("a\nb\npartial", 100);

        FrameBurst burst = frames.nextBurst();

        assertThat(burst.frames()).map(ConnectionFramesTests::text).containsExactly("a", "b");
        assertThat(new String(frames.input().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("partial");
    }

    @Test
    void burstWhenBodiesReachTheSizeLimitShouldEndThere() throws IOException {
        String sixty = "x".repeat(60);
        var frames = frames(sixty + "\n" + sixty + "\n" + sixty + "\n", 100);

        assertThat(frames.nextBurst().frames()).hasSize(2);
        assertThat(frames.nextBurst().frames()).hasSize(1);
    }

    @Test
    void burstWhenAnOversizedFrameIsBufferedShouldCarryItAsOversized() throws IOException {
        FrameBurst burst = frames("a\n" + "y".repeat(150) + "\nb\n", 100).nextBurst();

        assertThat(burst.frames()).hasSize(3);
        assertThat(burst.frames().get(1)).isInstanceOf(Frame.Oversized.class);
    }

    @Test
    void burstWhenTheStreamIsEmptyShouldEndSoftly() {
        assertThatThrownBy(() -> frames("", 100).nextBurst()).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void burstWhenMoreThanTheFrameCapIsBufferedShouldTakeTheCapAndLeaveTheRest() throws IOException {
        var many = new ConnectionFrames(buffered("f\n".repeat(ConnectionFrames.MAX_FRAMES + 5)), 100, 1_000_000);

        assertThat(many.nextBurst().frames()).hasSize(ConnectionFrames.MAX_FRAMES);
        assertThat(many.nextBurst().frames()).hasSize(5);
    }

    private static ConnectionFrames frames(String text, int maxFrameBytes) {
        return new ConnectionFrames(buffered(text), maxFrameBytes);
    }

    private static FrameInputStream buffered(String text) {
        return new FrameInputStream(stream(text), Duration.ofDays(1).toNanos());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Frame frame) {
        return new String(((Frame.Body) frame).bytes(), StandardCharsets.UTF_8);
    }
}
