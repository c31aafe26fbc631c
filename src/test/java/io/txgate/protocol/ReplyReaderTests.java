package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyReaderTests {

    private final ReplyReader reader = new ReplyReader();

    @Test
    void acceptedReplyWhenReadShouldBeAnAcknowledgement() {
        var reply = read("{\"batchId\":\"b-1\",\"status\":\"ACCEPTED\",\"count\":10}");

        assertThat(reply.batchId()).isEqualTo("b-1");
        assertThat(reply.count()).isEqualTo(10);
        assertThat(reply.acknowledged()).isTrue();
        assertThat(reply.retryable()).isFalse();
    }

    @Test
    void duplicateReplyWhenReadShouldBeAnAcknowledgement() {
        assertThat(read("{\"batchId\":\"b-1\",\"status\":\"DUPLICATE\",\"count\":3}")
                        .acknowledged())
                .isTrue();
    }

    @Test
    void unavailableReplyWhenReadShouldBeRetryable() {
        var reply = read(
                "{\"batchId\":\"b-1\",\"status\":\"REJECTED\",\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}}");

        assertThat(reply.acknowledged()).isFalse();
        assertThat(reply.retryable()).isTrue();
        assertThat(reply.message()).isEqualTo("busy");
    }

    @Test
    void malformedReplyWithNullBatchIdWhenReadShouldBeFinal() {
        var reply = read(
                "{\"batchId\":null,\"status\":\"REJECTED\",\"error\":{\"code\":\"MALFORMED\",\"message\":\"not JSON\"}}");

        assertThat(reply.batchId()).isNull();
        assertThat(reply.code()).isEqualTo("MALFORMED");
        assertThat(reply.acknowledged()).isFalse();
        assertThat(reply.retryable()).isFalse();
    }

    @Test
    void garbageWhenReadShouldBeUnreadable() {
        assertThatThrownBy(() -> read("HTTP/1.1 400 Bad Request"))
                .isInstanceOf(ReplyReader.UnreadableReplyException.class)
                .hasMessageContaining("HTTP/1.1");
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(ReplyReader.UnreadableReplyException.class);
        assertThatThrownBy(() -> read("{\"batchId\":\"b\",\"status\":\"MAYBE\"}"))
                .isInstanceOf(ReplyReader.UnreadableReplyException.class);
    }

    @Test
    void everyReplyTheServerEncodesShouldReadBackAsWritten() {
        var encoder = new ReplyEncoder();
        for (Reply written : new Reply[] {
            Reply.accepted("b-1", 10),
            Reply.duplicate("b-2", 1),
            Reply.rejected("b-3", ErrorCode.CONFLICT, "batchId b-3 was stored with other content"),
            Reply.rejected(null, ErrorCode.MALFORMED, "not JSON at byte 3: \"quoted\" \\ and \u00e9")
        }) {
            var read = reader.read(encoder.encode(written));

            assertThat(read.batchId()).isEqualTo(written.batchId());
            assertThat(read.status()).isEqualTo(written.status().name());
            assertThat(read.count()).isEqualTo(written.count());
            assertThat(read.code())
                    .isEqualTo(
                            written.error() == null
                                    ? null
                                    : written.error().code().name());
            assertThat(read.message())
                    .isEqualTo(written.error() == null ? null : written.error().message());
        }
    }

    @Test
    void fieldsOfALaterVersionShouldBeSkipped() {
        var reply = read("{\"batchId\":\"b-9\",\"status\":\"ACCEPTED\",\"count\":2,\"extra\":{\"a\":[1,{\"b\":2}]},"
                + "\"error\":null}");

        assertThat(reply.batchId()).isEqualTo("b-9");
        assertThat(reply.count()).isEqualTo(2);
        assertThat(reply.code()).isNull();
    }

    @Test
    void twoRepliesOnOneLineShouldBeUnreadable() {
        assertThatThrownBy(() -> read("{\"batchId\":\"b\",\"status\":\"ACCEPTED\"}{\"batchId\":\"c\"}"))
                .isInstanceOf(ReplyReader.UnreadableReplyException.class);
    }

    private ReplyReader.ServerReply read(String line) {
        return reader.read(line.getBytes(StandardCharsets.UTF_8));
    }
}
