package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Any bytes at all through {@link FrameReader}: one frame per LF, and nothing thrown but a truncated tail. */
class FrameReaderProperties {

    @Property(tries = 500)
    void anyBytesShouldGiveOneFramePerLf(
            @ForAll("streams") byte[] stream, @ForAll @IntRange(min = 1, max = 40) int limit) throws IOException {
        var reader = new FrameReader(limit);
        InputStream in = new ByteArrayInputStream(stream);

        List<String> expected = expectedFrames(stream, limit);
        var actual = new ArrayList<String>();
        for (int i = 0; i < expected.size(); i++) {
            actual.add(describe(reader.read(in)));
        }

        assertThat(actual).isEqualTo(expected);
        if (endsInsideAFrame(stream)) {
            assertThatThrownBy(() -> reader.read(in)).isInstanceOf(TruncatedFrameException.class);
        } else {
            assertThat(reader.read(in)).isNull();
        }
    }

    @Property(tries = 200)
    void bodiesWhenFramedWithCrLfOrLfShouldComeBackUnchanged(
            @ForAll("bodies") List<byte[]> bodies, @ForAll boolean crlf) throws IOException {
        var stream = new java.io.ByteArrayOutputStream();
        for (byte[] body : bodies) {
            stream.writeBytes(body);
            stream.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        }
        var reader = new FrameReader(64);
        InputStream in = new ByteArrayInputStream(stream.toByteArray());

        for (byte[] body : bodies) {
            assertThat(reader.read(in))
                    .isInstanceOfSatisfying(
                            Frame.Body.class, frame -> assertThat(frame.bytes()).isEqualTo(body));
        }
        assertThat(reader.read(in)).isNull();
    }

    @Provide
    Arbitrary<byte[]> streams() {
        // Mostly arbitrary bytes, with CR and LF common enough to make short frames and stray CRs.
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.bytes()), Tuple.of(1, Arbitraries.of((byte) '\n', (byte) '\r')));
        return bytes.array(byte[].class).ofMaxSize(400);
    }

    @Provide
    Arbitrary<List<byte[]>> bodies() {
        // A CR may appear anywhere in a body except at its end, where it would read as part of CR LF.
        Arbitrary<byte[]> body = Arbitraries.bytes()
                .filter(b -> b != '\n')
                .array(byte[].class)
                .ofMaxSize(64)
                .filter(b -> b.length == 0 || b[b.length - 1] != '\r');
        return body.list().ofMaxSize(20);
    }

    /** The frames PROTOCOL.md's framing gives for these bytes, computed independently of FrameReader. */
    private static List<String> expectedFrames(byte[] stream, int limit) {
        var frames = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] == '\n') {
                int end = i > start && stream[i - 1] == '\r' ? i - 1 : i;
                int length = end - start;
                frames.add(
                        length > limit
                                ? "oversized " + length + "/" + limit
                                : "body " + HexFormat.of().formatHex(Arrays.copyOfRange(stream, start, end)));
                start = i + 1;
            }
        }
        return frames;
    }

    private static boolean endsInsideAFrame(byte[] stream) {
        return stream.length > 0 && stream[stream.length - 1] != '\n';
    }

    private static String describe(Frame frame) {
        if (frame instanceof Frame.Oversized oversized) {
            return "oversized " + oversized.bytes() + "/" + oversized.limit();
        }
        if (frame instanceof Frame.Body body) {
            return "body " + HexFormat.of().formatHex(body.bytes());
        }
        return String.valueOf(frame);
    }
}
