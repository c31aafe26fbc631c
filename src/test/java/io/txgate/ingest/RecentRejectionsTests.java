package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentRejectionsTests {

    private final RecentRejections recent = new RecentRejections();

    @Test
    void latestWhenMoreThanKeptShouldBeTheNewestFirst() {
        for (int i = 0; i < 25; i++) {
            recent.add("conn-" + i, Reply.rejected("batch-" + i, ErrorCode.INVALID, "reason " + i), Instant.now());
        }

        assertThat(recent.latest()).hasSize(RecentRejections.KEPT);
        assertThat(recent.latest().get(0).connectionId()).isEqualTo("conn-24");
        assertThat(recent.latest().get(9).connectionId()).isEqualTo("conn-15");
        assertThat(recent.total()).isEqualTo(25);
    }

    @Test
    void addShouldKeepCodeReasonAndConnectionButNotTheBatchId() {
        recent.add("conn-1", Reply.rejected("batch-secret-42", ErrorCode.MALFORMED, "not JSON"), Instant.now());

        var rejection = recent.latest().get(0);
        assertThat(rejection.code()).isEqualTo("MALFORMED");
        assertThat(rejection.message()).isEqualTo("not JSON");
        assertThat(rejection.connectionId()).isEqualTo("conn-1");
        assertThat(rejection.toString()).doesNotContain("batch-secret-42");
    }

    @Test
    void rejectionShouldHaveNoFieldForFrameContent() {
        assertThat(RecentRejections.Rejection.class.getRecordComponents())
                .extracting(component -> component.getName())
                .containsExactly("at", "connectionId", "code", "message");
    }

    @Test
    void addWhenTheReasonIsLongShouldCutIt() {
        recent.add("conn-1", Reply.rejected(null, ErrorCode.INVALID, "x".repeat(5000)), Instant.now());

        assertThat(recent.latest().get(0).message()).hasSize(RecentRejections.MAX_MESSAGE_CHARS);
    }
}
