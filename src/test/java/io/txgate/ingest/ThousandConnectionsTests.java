package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

// All from 127.0.0.1, so the per-address cap is raised to the global one (as behind a TCP proxy).
@TestPropertySource(properties = "txgate.server.max-connections-per-address=1000")
class ThousandConnectionsTests extends IngestServerTestBase {

    @Test
    void thousandConnectionsWhenEachSendsABatchShouldAllBeServed() {
        int connections = 1000;
        List<LineClient> clients = new ArrayList<>(connections);
        try {
            int port = ingestPort();
            for (int i = 0; i < connections; i++) {
                clients.add(LineClient.connect(port));
            }
            // All frames are in flight at once before any reply is read.
            for (int i = 0; i < connections; i++) {
                clients.get(i).send(Batches.valid("k-" + i, 2));
            }
            for (int i = 0; i < connections; i++) {
                assertThat(clients.get(i).readLine())
                        .isEqualTo("{\"batchId\":\"k-" + i + "\",\"status\":\"ACCEPTED\",\"count\":2}");
            }
        } finally {
            clients.forEach(LineClient::close);
        }
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id like 'k-%'", Long.class))
                .isEqualTo(connections);
    }
}
