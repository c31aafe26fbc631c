package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.protocol.Frame;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    void burstWhenTheStreamCannotPeekShouldHoldOneFrame() throws IOException {
        InputStream in = new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };

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

    @Test
    void frameWhenItArrivesInPiecesShouldBeReadWhole() throws IOException {
        InputStream in = new BufferedInputStream(new ChunkedStream("ab", "c\nd", "e", "\n"));

        assertThat(deserializer.deserialize(in).frames())
                .map(FrameBurstDeserializerTests::text)
                .containsExactly("abc");
        assertThat(deserializer.deserialize(in).frames())
                .map(FrameBurstDeserializerTests::text)
                .containsExactly("de");
        assertThatThrownBy(() -> deserializer.deserialize(in)).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void frameWhenCarriageReturnPrecedesTheLineFeedShouldDropIt() throws IOException {
        assertThat(deserializer.deserialize(buffered("abc\r\n")).frames())
                .map(FrameBurstDeserializerTests::text)
                .containsExactly("abc");
    }

    private static InputStream buffered(String text) {
        return new BufferedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A stream that has only one chunk available at a time, like a socket receiving a frame in pieces. */
    private static final class ChunkedStream extends InputStream {

        private final byte[][] chunks;
        private int chunk;
        private int position;

        ChunkedStream(String... chunks) {
            this.chunks = Arrays.stream(chunks)
                    .map(text -> text.getBytes(StandardCharsets.UTF_8))
                    .toArray(byte[][]::new);
        }

        @Override
        public int read() {
            if (chunk == chunks.length) {
                return -1;
            }
            int next = chunks[chunk][position++] & 0xff;
            if (position == chunks[chunk].length) {
                chunk++;
                position = 0;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (chunk == chunks.length) {
                return -1;
            }
            int n = Math.min(length, chunks[chunk].length - position);
            System.arraycopy(chunks[chunk], position, buffer, offset, n);
            position += n;
            if (position == chunks[chunk].length) {
                chunk++;
                position = 0;
            }
            return n;
        }

        @Override
        public int available() {
            return chunk == chunks.length ? 0 : chunks[chunk].length - position;
        }
    }

    private static String text(Frame frame) {
        return new String(((Frame.Body) frame).bytes(), StandardCharsets.UTF_8);
    }
}
