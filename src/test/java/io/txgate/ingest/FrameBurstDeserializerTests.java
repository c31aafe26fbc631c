package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.protocol.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

class FrameBurstDeserializerTests {

    private final FrameBurstDeserializer deserializer = new FrameBurstDeserializer(new FrameDeserializer(100), 100);

    @Test
    void burstWhenSeveralFramesAreBufferedShouldHoldThemAllInOrder() throws IOException {
        InputStream in = buffered("a\r\nbb\ncc\r\n");

        FrameBurst burst = deserializer.deserialize(in);

        assertThat(burst.frames()).map(FrameBurstDeserializerTests::text).containsExactly("a", "bb", "cc");
    }

    @Test
    void burstWhenALaterFrameIsIncompleteShouldStopBeforeItWithoutReadingIt() throws IOException {
        InputStream in = buffered("a\nb\npartial");

        FrameBurst burst = deserializer.deserialize(in);

        assertThat(burst.frames()).map(FrameBurstDeserializerTests::text).containsExactly("a", "b");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("partial");
    }

    @Test
    void burstWhenTheStreamIsNotAConnectionBufferShouldHoldOneFrame() throws IOException {
        InputStream in = new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8));

        assertThat(deserializer.deserialize(in).frames())
                .map(FrameBurstDeserializerTests::text)
                .containsExactly("a");
        assertThat(deserializer.deserialize(in).frames())
                .map(FrameBurstDeserializerTests::text)
                .containsExactly("b");
    }

    @Test
    void burstWhenBodiesReachTheSizeLimitShouldEndThere() throws IOException {
        String sixty = "x".repeat(60);
        InputStream in = buffered(sixty + "\n" + sixty + "\n" + sixty + "\n");

        assertThat(deserializer.deserialize(in).frames()).hasSize(2);
        assertThat(deserializer.deserialize(in).frames()).hasSize(1);
    }

    @Test
    void burstWhenAnOversizedFrameIsBufferedShouldCarryItAsOversized() throws IOException {
        InputStream in = buffered("a\n" + "y".repeat(150) + "\nb\n");

        FrameBurst burst = deserializer.deserialize(in);

        assertThat(burst.frames()).hasSize(3);
        assertThat(burst.frames().get(1)).isInstanceOf(Frame.Oversized.class);
    }

    @Test
    void burstWhenTheStreamIsEmptyShouldEndSoftly() {
        assertThatThrownBy(() -> deserializer.deserialize(buffered(""))).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void burstWhenMoreThanTheFrameCapIsBufferedShouldTakeTheCapAndLeaveTheRest() throws IOException {
        var many = new FrameBurstDeserializer(new FrameDeserializer(100), 1_000_000);
        InputStream in = buffered("f\n".repeat(FrameBurstDeserializer.MAX_FRAMES + 5));

        assertThat(many.deserialize(in).frames()).hasSize(FrameBurstDeserializer.MAX_FRAMES);
        assertThat(many.deserialize(in).frames()).hasSize(5);
    }

    private static InputStream buffered(String text) {
        return new FrameInputStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                Duration.ofDays(1).toNanos());
    }

    private static String text(Frame frame) {
        return new String(((Frame.Body) frame).bytes(), StandardCharsets.UTF_8);
    }
}
