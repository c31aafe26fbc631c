package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionRulesTests {

    private static final long SECOND = 1_000_000_000L;

    private final ConnectionRules rules = new ConnectionRules(Duration.ofSeconds(60), Duration.ofSeconds(10), 0);

    @Test
    void idleClockWhenOnlyRejectedFramesArriveShouldKeepRunning() {
        rules.answered(rejected(ErrorCode.MALFORMED), 30 * SECOND);

        assertThat(rules.idleLeftNanos(30 * SECOND)).isEqualTo(30 * SECOND);
    }

    @Test
    void idleClockWhenAValidBatchIsAnsweredShouldRestart() {
        rules.answered(Reply.accepted("b", 1), 50 * SECOND);
        assertThat(rules.idleLeftNanos(50 * SECOND)).isEqualTo(60 * SECOND);

        rules.answered(Reply.duplicate("b", 1), 70 * SECOND);
        assertThat(rules.idleLeftNanos(70 * SECOND)).isEqualTo(60 * SECOND);
    }

    @Test
    void rejectionsWhenTheyAloneLastTheTimeoutShouldCloseTheConnection() {
        rules.answered(rejected(ErrorCode.MALFORMED), SECOND);
        rules.answered(rejected(ErrorCode.INVALID), 5 * SECOND);
        assertThat(rules.onlyRejectedTooLong(5 * SECOND)).isFalse();

        rules.answered(rejected(ErrorCode.TOO_LARGE), 11 * SECOND);

        assertThat(rules.onlyRejectedTooLong(11 * SECOND)).isTrue();
        assertThat(rules.rejectedInRun()).isEqualTo(3);
    }

    @Test
    void rejectionsWhenAValidBatchComesBetweenShouldStartOver() {
        rules.answered(rejected(ErrorCode.CONFLICT), SECOND);
        rules.answered(Reply.accepted("b", 1), 9 * SECOND);
        rules.answered(rejected(ErrorCode.MALFORMED), 12 * SECOND);

        assertThat(rules.onlyRejectedTooLong(12 * SECOND)).isFalse();
        assertThat(rules.onlyRejectedTooLong(22 * SECOND)).isTrue();
    }

    @Test
    void unavailableWhenAnsweredShouldCountNeitherWay() {
        rules.answered(rejected(ErrorCode.UNAVAILABLE), SECOND);
        rules.answered(rejected(ErrorCode.UNAVAILABLE), 20 * SECOND);

        assertThat(rules.onlyRejectedTooLong(20 * SECOND)).isFalse();
        assertThat(rules.idleLeftNanos(20 * SECOND)).isEqualTo(40 * SECOND);
    }

    private static Reply rejected(ErrorCode code) {
        return Reply.rejected(null, code, "x");
    }
}
