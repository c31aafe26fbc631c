package io.txgate.client;

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

    private ReplyReader.ServerReply read(String line) {
        return reader.read(line.getBytes(StandardCharsets.UTF_8));
    }
}
