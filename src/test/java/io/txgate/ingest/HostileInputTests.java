package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PROTOCOL.md guarantees 4 and 6 over a real socket: every hostile frame gets exactly one REJECTED reply with the
 * right code, the same connection then still stores a valid batch, and a connection opened before keeps being served.
 */
class HostileInputTests extends IngestServerTestBase {

    private static final int LIMIT = 1_048_576;
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> hostileFrames() {
        return Stream.of(
                hostile("random bytes", randomBytes(4096), "MALFORMED", null),
                hostile("invalid UTF-8", bytes("{\"batchId\":\"h-utf8\",\"x\":\"\u00e9\"}", (byte) 0xc3, (byte) 0x28)),
                hostile("overlong UTF-8", concat(bytes("{\"batchId\":\"h-\""), new byte[] {(byte) 0xc0, (byte) 0xaf})),
                hostile("NUL bytes", new byte[] {0, 0, 0, 0}, "MALFORMED", null),
                hostile(
                        "NUL inside a string",
                        bytes(Batches.valid("h-nul", 1).replace("coffee", "cof\u0000fee")),
                        "MALFORMED",
                        "h-nul"),
                hostile("UTF-16 batch", Batches.valid("h-utf16", 1).getBytes(StandardCharsets.UTF_16LE)),
                hostile(
                        "10,000-level nesting",
                        bytes("{\"batchId\":\"h-nest\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                        "MALFORMED",
                        "h-nest"),
                hostile(
                        "10,000 nested objects",
                        bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
                        "MALFORMED",
                        null),
                hostile(
                        "1 MiB description within the limit",
                        bytes(Batches.valid("h-desc", 1).replace("coffee 0", "d".repeat(LIMIT - 300))),
                        "INVALID",
                        "h-desc"),
                hostile(
                        "1 MiB string field over the limit",
                        bytes(Batches.valid("h-over", 1).replace("coffee 0", "d".repeat(LIMIT))),
                        "TOO_LARGE",
                        null),
                hostile(
                        "amount 1e999999",
                        bytes(Batches.valid("h-exp", 1).replace("\"1.25\"", "1e999999")),
                        "INVALID",
                        "h-exp"),
                hostile(
                        "amount of 100,000 digits",
                        bytes(Batches.valid("h-digits", 1).replace("\"1.25\"", "9".repeat(100_000))),
                        "INVALID",
                        "h-digits"),
                hostile("duplicate keys", bytes("{\"batchId\":\"h-dup\",\"batchId\":\"h-dup2\",\"transactions\":[]}")),
                hostile("top-level array", bytes("[" + Batches.valid("h-array", 1) + "]"), "MALFORMED", null),
                hostile("top-level string", bytes("\"h-string\""), "MALFORMED", null),
                hostile("empty line", new byte[0], "MALFORMED", null),
                hostile("whitespace only", bytes(" \t "), "MALFORMED", null),
                hostile("two objects on a line", bytes("{}{}"), "MALFORMED", null),
                hostile("oversized frame of 2 MiB", filled(2 * LIMIT, (byte) '{'), "TOO_LARGE", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFrames")
    void hostileFrameWhenSentShouldGetOneRejectionAndLeaveConnectionsServed(
            String name, byte[] frame, String code, String batchId) {
        try (LineClient bystander = connect();
                LineClient client = connect()) {
            assertAccepted(bystander, nextBatchId());

            JsonNode reply = reply(client.sendRaw(concat(frame, crlf())).readLine());

            assertThat(reply.get("status").asString()).isEqualTo("REJECTED");
            assertThat(reply.at("/error/code").asString()).isEqualTo(code);
            assertThat(reply.at("/error/message").asString()).isNotBlank();
            assertThat(
                            reply.get("batchId").isNull()
                                    ? null
                                    : reply.get("batchId").asString())
                    .isEqualTo(batchId);
            // The next line answers the next frame: so the hostile frame got exactly one reply.
            assertAccepted(client, nextBatchId());
            assertAccepted(bystander, nextBatchId());
        }
    }

    @Test
    void oversizedFrameWhenSentShouldNameItsSizeAndTheLimit() {
        try (LineClient client = connect()) {
            String reply = client.sendRaw(concat(filled(2 * LIMIT, (byte) 'x'), crlf()))
                    .readLine();

            assertThat(reply)
                    .isEqualTo("{\"batchId\":null,\"status\":\"REJECTED\",\"error\":{\"code\":\"TOO_LARGE\","
                            + "\"message\":\"frame: 2097152 bytes, at most 1048576 allowed\"}}");
        }
    }

    @Test
    void frameWhenExactlyAtTheLimitShouldBeParsedAndStored() {
        String batchId = nextBatchId();
        String valid = Batches.valid(batchId, 1);
        String padded =
                valid.substring(0, valid.length() - 1) + ",\"pad\":\"" + "p".repeat(LIMIT - valid.length() - 9) + "\"}";

        try (LineClient client = connect()) {
            assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
            assertThat(client.exchange(padded))
                    .isEqualTo("{\"batchId\":\"" + batchId + "\",\"status\":\"ACCEPTED\",\"count\":1}");
        }
        assertThat(storedTransactions(batchId)).isEqualTo(1);
    }

    @Test
    void hostileFramesWhenPipelinedShouldEachGetOneReplyInOrder() {
        String last = nextBatchId();
        var frames = new ByteArrayOutputStream();
        frames.writeBytes(concat(new byte[] {(byte) 0xff}, crlf()));
        frames.writeBytes(concat(bytes("[]"), crlf()));
        frames.writeBytes(concat(filled(LIMIT + 1, (byte) 'x'), crlf()));
        frames.writeBytes(crlf());
        frames.writeBytes(concat(bytes(Batches.valid(last, 2)), crlf()));

        try (LineClient client = connect()) {
            client.sendRaw(frames.toByteArray());

            assertThat(reply(client.readLine()).at("/error/code").asString()).isEqualTo("MALFORMED");
            assertThat(reply(client.readLine()).at("/error/code").asString()).isEqualTo("MALFORMED");
            assertThat(reply(client.readLine()).at("/error/code").asString()).isEqualTo("TOO_LARGE");
            assertThat(reply(client.readLine()).at("/error/code").asString()).isEqualTo("MALFORMED");
            assertThat(client.readLine())
                    .isEqualTo("{\"batchId\":\"" + last + "\",\"status\":\"ACCEPTED\",\"count\":2}");
        }
    }

    @Test
    void halfAFrameWhenFollowedByDisconnectShouldStoreNothing() {
        String batchId = nextBatchId();
        String complete = Batches.valid(batchId, 3);

        try (LineClient client = connect()) {
            // Everything but the line ending: the frame is not complete until its LF arrives.
            client.sendRaw(bytes(complete));
            client.shutdownOutput();

            assertThat(client.readLine())
                    .as("no reply to an unterminated frame")
                    .isNull();
        }
        assertThat(storedTransactions(batchId)).isZero();
        try (LineClient client = connect()) {
            assertThat(client.exchange(complete))
                    .isEqualTo("{\"batchId\":\"" + batchId + "\",\"status\":\"ACCEPTED\",\"count\":3}");
        }
    }

    @Test
    void halfAnOversizedFrameWhenFollowedByDisconnectShouldStoreNothingAndKeepServing() {
        try (LineClient bystander = connect()) {
            try (LineClient client = connect()) {
                client.sendRaw(filled(LIMIT + 10, (byte) 'x'));
                client.shutdownOutput();

                assertThat(client.readLine()).isNull();
            }
            assertAccepted(bystander, nextBatchId());
        }
    }

    private void assertAccepted(LineClient client, String batchId) {
        assertThat(client.exchange(Batches.valid(batchId, 1)))
                .isEqualTo("{\"batchId\":\"" + batchId + "\",\"status\":\"ACCEPTED\",\"count\":1}");
    }

    private static String nextBatchId() {
        return "hostile-ok-" + BATCHES.incrementAndGet();
    }

    private static JsonNode reply(String line) {
        assertThat(line).as("a reply line").isNotNull();
        return JSON.readTree(line);
    }

    private static Arguments hostile(String name, byte[] frame) {
        return hostile(name, frame, "MALFORMED", null);
    }

    private static Arguments hostile(String name, byte[] frame, String code, String batchId) {
        return Arguments.of(name, frame, code, batchId);
    }

    /** Random bytes without LF, so they make one frame; a fixed seed keeps failures reproducible. */
    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = (byte) 0xfe;
            }
        }
        return bytes;
    }

    private static byte[] bytes(String text, byte... more) {
        return concat(text.getBytes(StandardCharsets.UTF_8), more);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static byte[] crlf() {
        return new byte[] {'\r', '\n'};
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
