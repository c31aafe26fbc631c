package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The UNAVAILABLE row of PROTOCOL.md: a batch the writer's queue cannot take now is refused, not lost. */
@TestPropertySource(properties = "txgate.store.max-queued-rows=5")
class OverloadTests extends IngestServerTestBase {

    @Test
    void batchWhenQueueCannotTakeItShouldBeUnavailableAndStoreNothing() {
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("ov-big", 6)))
                    .isEqualTo("{\"batchId\":\"ov-big\",\"status\":\"REJECTED\",\"error\":{\"code\":\"UNAVAILABLE\","
                            + "\"message\":\"server overloaded: more than 5 transactions waiting\"}}");
            assertThat(client.exchange(Batches.valid("ov-small", 5))).contains("ACCEPTED");
        }
        assertThat(storedTransactions("ov-big")).isZero();
    }
}
