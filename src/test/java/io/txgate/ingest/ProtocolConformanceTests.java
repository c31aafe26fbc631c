package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Every reply row and guarantee of PROTOCOL.md that one server instance can show, over a real socket. */
@TestPropertySource(properties = {"txgate.server.max-frame-bytes=4096", "txgate.server.max-transactions=5"})
class ProtocolConformanceTests extends IngestServerTestBase {

    @Test
    void batchWhenNewShouldBeAcceptedWithItsCount() {
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("pc-accept", 2)))
                    .isEqualTo("{\"batchId\":\"pc-accept\",\"status\":\"ACCEPTED\",\"count\":2}");
        }
        assertThat(storedTransactions("pc-accept")).isEqualTo(2);
    }

    @Test
    void batchWhenResentWithSameContentShouldBeDuplicateAndStoredOnce() {
        String first = Batches.batch("pc-dup", "[" + tx("\"12.50\"", "2026-11-25T11:15:30+01:00") + "]");
        // Same values written differently: amount as a number without the trailing zero, timestamp in UTC.
        String again = Batches.batch("pc-dup", "[" + tx("12.5", "2026-11-25T10:15:30Z") + "]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(first)).contains("\"status\":\"ACCEPTED\"");
            assertThat(client.exchange(again))
                    .isEqualTo("{\"batchId\":\"pc-dup\",\"status\":\"DUPLICATE\",\"count\":1}");
        }
        assertThat(storedTransactions("pc-dup")).isEqualTo(1);
    }

    @Test
    void timestampWhenOneNanosecondLaterShouldBeOtherContentAndTheSameInstantWrittenElsewiseTheSame() {
        String first = Batches.batch("pc-nanos", "[" + tx("\"1.00\"", "2026-11-25T10:15:30.123456789Z") + "]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(first)).contains("\"status\":\"ACCEPTED\"");
            assertThat(client.exchange(Batches.batch(
                            "pc-nanos", "[" + tx("\"1.00\"", "2026-11-25T11:15:30.123456789+01:00") + "]")))
                    .isEqualTo("{\"batchId\":\"pc-nanos\",\"status\":\"DUPLICATE\",\"count\":1}");
            assertThat(client.exchange(
                            Batches.batch("pc-nanos", "[" + tx("\"1.00\"", "2026-11-25T10:15:30.123456788Z") + "]")))
                    .contains("\"code\":\"CONFLICT\"");
        }
        assertThat(jdbc.queryForObject(
                        "select occurred_at from batch_transactions where batch_id = 'pc-nanos'", String.class))
                .as("kept to the nanosecond")
                .isEqualTo("2026-11-25T10:15:30.123456789Z");
    }

    @Test
    void batchWhenResentWithOtherContentShouldBeConflictAndKeepTheFirst() {
        try (LineClient client = connect()) {
            client.exchange(Batches.batch("pc-conflict", "[" + tx("\"1.00\"", "2026-11-25T10:15:30Z") + "]"));
            String reply =
                    client.exchange(Batches.batch("pc-conflict", "[" + tx("\"2.00\"", "2026-11-25T10:15:30Z") + "]"));

            assertThat(reply)
                    .isEqualTo("{\"batchId\":\"pc-conflict\",\"status\":\"REJECTED\",\"error\":{\"code\":\"CONFLICT\","
                            + "\"message\":\"batchId: stored before with different content\"}}");
            // A rejection never ends the connection: the next frame on it is answered as usual.
            assertThat(client.exchange(Batches.valid("pc-after-conflict", 1))).contains("\"status\":\"ACCEPTED\"");
        }
        assertThat(jdbc.queryForObject(
                        "select amount from batch_transactions where batch_id = 'pc-conflict'", String.class))
                .isEqualTo("1.00");
    }

    @Test
    void frameWhenNotJsonObjectShouldBeMalformedWithNullBatchId() {
        try (LineClient client = connect()) {
            assertThat(client.exchange("not json"))
                    .startsWith("{\"batchId\":null,\"status\":\"REJECTED\"")
                    .contains("\"code\":\"MALFORMED\"");
            assertThat(client.exchange("[1,2]")).contains("\"code\":\"MALFORMED\"");
            client.sendRaw(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\r', '\n'});
            assertThat(client.readLine()).contains("\"code\":\"MALFORMED\"").contains("UTF-8");
            assertThat(client.exchange(Batches.valid("pc-after-malformed", 1))).contains("ACCEPTED");
        }
    }

    @Test
    void batchWhenFieldBreaksRuleShouldBeInvalidNamingTheFieldPath() {
        String bad = Batches.batch(
                "pc-invalid",
                "[" + tx("\"1.00\"", "2026-11-25T10:15:30Z") + ","
                        + tx("\"1.00\"", "2026-11-25T10:15:30Z")
                                .replace("\"t1\"", "\"t2\"")
                                .replace("EUR", "eur")
                        + "]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(bad))
                    .isEqualTo("{\"batchId\":\"pc-invalid\",\"status\":\"REJECTED\",\"error\":{\"code\":\"INVALID\","
                            + "\"message\":\"transactions[1].currency: must be 3 upper-case letters\"}}");
            assertThat(client.exchange(Batches.valid("pc-after-invalid", 1))).contains("ACCEPTED");
        }
        assertThat(storedTransactions("pc-invalid")).isZero();
    }

    @Test
    void frameWhenOverSizeLimitShouldBeTooLargeAndConnectionKeepsWorking() {
        String huge = Batches.valid("pc-huge", 1).replace("coffee 0", "x".repeat(5000));
        try (LineClient client = connect()) {
            assertThat(client.exchange(huge))
                    .isEqualTo("{\"batchId\":null,\"status\":\"REJECTED\",\"error\":{\"code\":\"TOO_LARGE\","
                            + "\"message\":\"frame: " + huge.getBytes(StandardCharsets.UTF_8).length
                            + " bytes, at most 4096 allowed\"}}");
            assertThat(client.exchange(Batches.valid("pc-after-huge", 1))).contains("ACCEPTED");
        }
        assertThat(storedTransactions("pc-huge")).isZero();
    }

    @Test
    void batchWhenMoreTransactionsThanAllowedShouldBeTooLarge() {
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("pc-many", 6)))
                    .isEqualTo("{\"batchId\":\"pc-many\",\"status\":\"REJECTED\",\"error\":{\"code\":\"TOO_LARGE\","
                            + "\"message\":\"transactions: more than 5 items\"}}");
            assertThat(client.exchange(Batches.valid("pc-after-many", 5))).contains("ACCEPTED");
        }
        assertThat(storedTransactions("pc-many")).isZero();
    }

    @Test
    void framesWhenPipelinedShouldBeAnsweredInRequestOrder() {
        int frames = 100;
        var sent = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            // Mix valid batches with rejections, which are answered without waiting for the store.
            sent.append(i % 3 == 0 ? "{oops}" : Batches.valid("pc-pipe-" + i, 1 + i % 5))
                    .append("\r\n");
        }
        var replies = new ArrayList<String>();
        try (LineClient client = connect()) {
            client.sendRaw(sent.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < frames; i++) {
                replies.add(client.readLine());
            }
        }
        for (int i = 0; i < frames; i++) {
            if (i % 3 == 0) {
                assertThat(replies.get(i)).as("reply %d", i).contains("MALFORMED");
            } else {
                assertThat(replies.get(i))
                        .as("reply %d", i)
                        .isEqualTo("{\"batchId\":\"pc-pipe-" + i + "\",\"status\":\"ACCEPTED\",\"count\":" + (1 + i % 5)
                                + "}");
            }
        }
    }

    @Test
    void clientWhenHalfClosingAfterItsFramesShouldStillGetEveryReply() {
        try (LineClient client = connect()) {
            client.send(Batches.valid("pc-half-1", 1)).send(Batches.valid("pc-half-2", 1));
            client.shutdownOutput();

            assertThat(client.readLine()).contains("pc-half-1").contains("ACCEPTED");
            assertThat(client.readLine()).contains("pc-half-2").contains("ACCEPTED");
            assertThat(client.readLine())
                    .as("server closes after the last reply")
                    .isNull();
        }
    }

    @Test
    void repliesWhenPipelinedShouldEachEndWithCrLfAsRawBytes() throws Exception {
        // Read-ahead answers a burst of frames in one write; every reply in it must still end with CR LF, which
        // readLine() would not notice (it also accepts a bare LF).
        String frames = Batches.valid("pc-crlf-1", 1) + "\n{oops}\n" + Batches.valid("pc-crlf-2", 1) + "\r\n";
        String expected = "{\"batchId\":\"pc-crlf-1\",\"status\":\"ACCEPTED\",\"count\":1}\r\n"
                + "{\"batchId\":null,\"status\":\"REJECTED\",\"error\":{\"code\":\"MALFORMED\",\"message\":"
                + "\"not valid JSON: unexpected character 'o' where a quoted key should be (at byte 1)\"}}\r\n"
                + "{\"batchId\":\"pc-crlf-2\",\"status\":\"ACCEPTED\",\"count\":1}\r\n";
        try (LineClient client = connect()) {
            client.sendRaw(frames.getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            // The server answers everything, then closes: the whole stream is the replies.
            byte[] replies = client.socket().getInputStream().readAllBytes();

            assertThat(new String(replies, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void frameWhenEndedByBareLfShouldBeAccepted() {
        try (LineClient client = connect()) {
            client.sendRaw((Batches.valid("pc-lf", 1) + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(client.readLine()).contains("ACCEPTED");
        }
    }

    private static String tx(String amountJson, String timestamp) {
        return "{\"id\":\"t1\",\"account\":\"ACC-9\",\"amount\":" + amountJson
                + ",\"currency\":\"EUR\",\"timestamp\":\"" + timestamp + "\"}";
    }
}
