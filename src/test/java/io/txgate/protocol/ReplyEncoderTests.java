package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReplyEncoderTests {

    private final ReplyEncoder encoder = new ReplyEncoder();

    @Test
    void acceptedWhenEncodedShouldMatchProtocolExample() {
        assertThat(encode(Reply.accepted("term-7-000042", 1)))
                .isEqualTo("{\"batchId\":\"term-7-000042\",\"status\":\"ACCEPTED\",\"count\":1}");
    }

    @Test
    void duplicateWhenEncodedShouldMatchProtocolExample() {
        assertThat(encode(Reply.duplicate("term-7-000042", 1000)))
                .isEqualTo("{\"batchId\":\"term-7-000042\",\"status\":\"DUPLICATE\",\"count\":1000}");
    }

    @Test
    void rejectedWhenEncodedShouldMatchProtocolExample() {
        Reply reply = Reply.rejected(
                "term-7-000042", ErrorCode.INVALID, "transactions[0].currency: must be 3 upper-case letters");

        assertThat(encode(reply))
                .isEqualTo("{\"batchId\":\"term-7-000042\",\"status\":\"REJECTED\",\"error\":{\"code\":\"INVALID\","
                        + "\"message\":\"transactions[0].currency: must be 3 upper-case letters\"}}");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void rejectedWhenEncodedShouldCarryEachCode(ErrorCode code) {
        assertThat(encode(Reply.rejected("b1", code, "why")))
                .isEqualTo("{\"batchId\":\"b1\",\"status\":\"REJECTED\",\"error\":{\"code\":\"" + code.name()
                        + "\",\"message\":\"why\"}}");
    }

    @Test
    void batchIdWhenNullShouldBeWrittenAsJsonNull() {
        assertThat(encode(Reply.rejected(null, ErrorCode.MALFORMED, "frame is not valid UTF-8 (at byte 0)")))
                .isEqualTo("{\"batchId\":null,\"status\":\"REJECTED\",\"error\":{\"code\":\"MALFORMED\","
                        + "\"message\":\"frame is not valid UTF-8 (at byte 0)\"}}");
    }

    @Test
    void messageWhenHoldingQuotesAndLineBreaksShouldBeEscapedOntoOneLine() {
        String message = "not valid JSON: Unexpected character ('\"') \\ at\r\nline 2\u2028\u0000\t end";

        byte[] encoded = encoder.encode(Reply.rejected("b1", ErrorCode.MALFORMED, message));

        assertThat(encoded).doesNotContain((byte) '\n', (byte) '\r', (byte) 0);
        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\\\"", "\\\\", "\\r\\n", "\\u0000", "\\t");
        assertThat(parse(encoded).at("/error/message").asString()).isEqualTo(message);
    }

    @Test
    void messageWhenHoldingNonAsciiShouldBeUtf8() {
        String message = "transactions[0].description: at most 256 characters (€, 😀)";

        byte[] encoded = encoder.encode(Reply.rejected("b1", ErrorCode.INVALID, message));

        assertThat(parse(encoded).at("/error/message").asString()).isEqualTo(message);
        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("€, 😀");
    }

    @Test
    void messageWhenHoldingHalfASurrogatePairShouldBeRepairedNotFail() {
        byte[] encoded = encoder.encode(Reply.rejected(null, ErrorCode.MALFORMED, "token 'ab\uD83D' cut"));

        assertThat(parse(encoded).at("/error/message").asString()).isEqualTo("token 'ab\uFFFD' cut");
    }

    @Test
    void repliesWhenEncodedShouldNeverHoldALineEnding() {
        for (Reply reply : new Reply[] {
            Reply.accepted("a", 1), Reply.duplicate("a", 2), Reply.rejected(null, ErrorCode.UNAVAILABLE, "x\ny")
        }) {
            assertThat(encoder.encode(reply)).doesNotContain((byte) '\n', (byte) '\r');
        }
    }

    private String encode(Reply reply) {
        return new String(encoder.encode(reply), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] encoded) {
        return JsonMapper.builder().build().readTree(encoded);
    }
}
