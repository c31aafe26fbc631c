package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import org.junit.jupiter.api.Test;

class IngestFlowTests extends IngestServerTestBase {

    @Test
    void validBatchWhenSentShouldBeAcceptedAndStored() {
        try (LineClient client = connect()) {
            String reply = client.exchange(Batches.valid("flow-1", 3));

            assertThat(reply).isEqualTo("{\"batchId\":\"flow-1\",\"status\":\"ACCEPTED\",\"count\":3}");
        }
        assertThat(storedTransactions("flow-1")).isEqualTo(3);
    }
}
