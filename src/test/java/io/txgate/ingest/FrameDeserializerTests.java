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

class FrameDeserializerTests {

    private final FrameDeserializer deserializer = new FrameDeserializer(8);

    @Test
    void streamWhenClosedBetweenFramesShouldEndSoftly() throws IOException {
        InputStream in = stream("{}\r\n");

        assertThat(deserializer.deserialize(in)).isInstanceOf(Frame.Body.class);
        assertThatThrownBy(() -> deserializer.deserialize(in)).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void streamWhenClosedMidFrameShouldEndSoftly() {
        assertThatThrownBy(() -> deserializer.deserialize(stream("{\"batch")))
                .isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void streamWhenClosedWhileSkippingAnOversizedFrameShouldEndSoftly() {
        assertThatThrownBy(() -> deserializer.deserialize(stream("x".repeat(100))))
                .isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void oversizedFrameWhenReadShouldBeAValueNotAnExceptionAndTheNextFrameIntact() throws IOException {
        InputStream in = stream("x".repeat(100) + "\r\n{}\n");

        assertThat(deserializer.deserialize(in)).isEqualTo(new Frame.Oversized(100, 8));
        assertThat(deserializer.deserialize(in))
                .isInstanceOfSatisfying(
                        Frame.Body.class,
                        body -> assertThat(new String(body.bytes(), StandardCharsets.UTF_8))
                                .isEqualTo("{}"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void frameWhenNoMemoryIsLeftForItsBatchShouldBeOverloadedAndHoldNothing() throws IOException {
        var memory = new ConnectionMemory(new MemoryBudget(1), Duration.ZERO);
        var in = new FrameInputStream(
                stream("x".repeat(10_000) + "\n{}\n"), Duration.ofDays(1).toNanos(), memory);

        assertThat(deserializerUpTo(20_000).deserialize(in)).isEqualTo(new Frame.Overloaded(10_000));
        assertThat(memory.held()).isZero();
        assertThat(deserializerUpTo(20_000).deserialize(in)).isInstanceOf(Frame.Body.class);
        assertThat(memory.held())
                .as("a small frame and its batch fit the connection's share")
                .isPositive();
    }

    private static FrameDeserializer deserializerUpTo(int maxFrameBytes) {
        return new FrameDeserializer(maxFrameBytes);
    }
}
