package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentClientsTests extends IngestServerTestBase {

    @Test
    void fiftyClientsWhenSendingAtOnceShouldAllBeAcceptedAndStored() throws Exception {
        int clients = 50;
        int batchesEach = 20;
        int port = ingestPort();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Callable<List<String>> sender = () -> {
                    var replies = new ArrayList<String>();
                    try (LineClient connection = LineClient.connect(port)) {
                        start.await();
                        for (int b = 0; b < batchesEach; b++) {
                            replies.add(connection.exchange(Batches.valid("cc-" + client + "-" + b, 3)));
                        }
                    }
                    return replies;
                };
                results.add(pool.submit(sender));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS))
                        .hasSize(batchesEach)
                        .allSatisfy(reply -> assertThat(reply).contains("\"status\":\"ACCEPTED\",\"count\":3"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id like 'cc-%'", Long.class))
                .isEqualTo((long) clients * batchesEach);
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'cc-%'", Long.class))
                .isEqualTo((long) clients * batchesEach * 3);
    }
}
