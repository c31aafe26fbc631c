package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the load mode counts a reply: by its status, and as broken order when it answers another batch. */
class ReplyClassificationTests {

    @Test
    void replyWhenAcceptedOrDuplicateForTheBatchSentShouldCountByStatus() {
        assertThat(LoadGenerator.classify("{\"batchId\":\"b-1\",\"status\":\"ACCEPTED\",\"count\":10}", "b-1"))
                .isEqualTo("ACCEPTED");
        assertThat(LoadGenerator.classify("{\"batchId\":\"b-1\",\"status\":\"DUPLICATE\",\"count\":10}", "b-1"))
                .isEqualTo("DUPLICATE");
    }

    @Test
    void replyWhenRejectedShouldCountByItsErrorCode() {
        String reply = "{\"batchId\":\"b-2\",\"status\":\"REJECTED\",\"error\":{\"code\":\"UNAVAILABLE\","
                + "\"message\":\"server overloaded\"}}";

        assertThat(LoadGenerator.classify(reply, "b-2")).isEqualTo("REJECTED:UNAVAILABLE");
    }

    @Test
    void replyWhenForAnotherBatchShouldCountAsOutOfOrder() {
        assertThat(LoadGenerator.classify("{\"batchId\":\"b-4\",\"status\":\"ACCEPTED\",\"count\":10}", "b-3"))
                .isEqualTo("OUT_OF_ORDER");
    }

    @Test
    void replyWhenNotJsonShouldCountAsUnreadable() {
        assertThat(LoadGenerator.classify("ACCEPTED b-5", "b-5")).isEqualTo("UNREADABLE_REPLY");
    }
}
