package io.txgate.protocol;

import static io.txgate.support.PropertyCheck.forAll;
import static io.txgate.support.RandomValues.anyByte;
import static io.txgate.support.RandomValues.intBetween;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any bytes at all through {@link FrameReader}: one frame per LF, and nothing thrown but a truncated tail. */
class FrameReaderPropertyTests {

    @Test
    void anyBytesShouldGiveOneFramePerLf() {
        forAll(500, random -> new Stream(stream(random), intBetween(random, 1, 40)), input -> {
            var reader = new FrameReader(input.limit());
            InputStream in = new ByteArrayInputStream(input.bytes());

            List<String> expected = expectedFrames(input.bytes(), input.limit());
            var actual = new ArrayList<String>();
            for (int i = 0; i < expected.size(); i++) {
                actual.add(describe(reader.read(in)));
            }

            assertThat(actual).isEqualTo(expected);
            if (endsInsideAFrame(input.bytes())) {
                assertThatThrownBy(() -> reader.read(in)).isInstanceOf(TruncatedFrameException.class);
            } else {
                assertThat(reader.read(in)).isNull();
            }
        });
    }

    @Test
    void bodiesWhenFramedWithCrLfOrLfShouldComeBackUnchanged() {
        forAll(200, random -> new Bodies(bodies(random), random.nextBoolean()), input -> {
            var stream = new ByteArrayOutputStream();
            for (byte[] body : input.bodies()) {
                stream.writeBytes(body);
                stream.writeBytes(input.crlf() ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            }
            var reader = new FrameReader(64);
            InputStream in = new ByteArrayInputStream(stream.toByteArray());

            for (byte[] body : input.bodies()) {
                assertThat(reader.read(in))
                        .isInstanceOfSatisfying(
                                Frame.Body.class,
                                frame -> assertThat(frame.bytes()).isEqualTo(body));
            }
            assertThat(reader.read(in)).isNull();
        });
    }

    // --- generators -----------------------------------------------------------------------------------------------

    /** Up to 400 bytes: mostly any byte, with CR and LF common enough to make short frames and stray CRs. */
    private static byte[] stream(Random random) {
        byte[] bytes = new byte[intBetween(random, 0, 400)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(7) == 0 ? (random.nextBoolean() ? (byte) '\n' : (byte) '\r') : anyByte(random);
        }
        return bytes;
    }

    /** Up to 20 bodies of up to 64 bytes without LF; a CR anywhere but at the end, where it would read as CR LF. */
    private static List<byte[]> bodies(Random random) {
        var bodies = new ArrayList<byte[]>();
        for (int count = intBetween(random, 0, 20); bodies.size() < count; ) {
            byte[] body = body(random);
            if (body.length == 0 || body[body.length - 1] != '\r') {
                bodies.add(body);
            }
        }
        return bodies;
    }

    private static byte[] body(Random random) {
        byte[] body = new byte[intBetween(random, 0, 64)];
        for (int i = 0; i < body.length; i++) {
            byte b;
            do {
                b = anyByte(random);
            } while (b == '\n');
            body[i] = b;
        }
        return body;
    }

    record Stream(byte[] bytes, int limit) {
        @Override
        public String toString() {
            return "limit " + limit + ", " + bytes.length + " bytes, hex "
                    + HexFormat.of().formatHex(bytes);
        }
    }

    record Bodies(List<byte[]> bodies, boolean crlf) {
        @Override
        public String toString() {
            return (crlf ? "CR LF" : "LF") + " after each of "
                    + bodies.stream().map(HexFormat.of()::formatHex).toList();
        }
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
