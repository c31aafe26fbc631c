package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One batchId sent at the same moment on many connections: the store must still decide it once. */
class ConcurrentDuplicateTests extends IngestServerTestBase {

    private static final int CONNECTIONS = 20;

    private final ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);

    @AfterEach
    void stopSenders() throws InterruptedException {
        senders.shutdownNow();
        assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sameBatchWhenSentOnTwentyConnectionsAtOnceShouldBeAcceptedOnceAndStoredOnce() throws Exception {
        String frame = Batches.valid("same-1", 4);
        var frames = new ArrayList<String>();
        for (int i = 0; i < CONNECTIONS; i++) {
            frames.add(frame);
        }

        List<String> replies = sendAtOnce(frames);

        assertThat(replies)
                .filteredOn(reply -> reply.equals("{\"batchId\":\"same-1\",\"status\":\"ACCEPTED\",\"count\":4}"))
                .hasSize(1);
        assertThat(replies)
                .filteredOn(reply -> reply.equals("{\"batchId\":\"same-1\",\"status\":\"DUPLICATE\",\"count\":4}"))
                .hasSize(CONNECTIONS - 1);
        assertThat(storedTransactions("same-1")).isEqualTo(4);
    }

    @Test
    void sameBatchIdWhenSentWithDifferentContentAtOnceShouldStoreOneAndRejectTheOthersAsConflict() throws Exception {
        var frames = new ArrayList<String>();
        for (int i = 0; i < CONNECTIONS; i++) {
            // Two contents, ten connections each: whichever is stored first, its twins are duplicates.
            frames.add(Batches.valid("same-2", 2 + i % 2));
        }

        List<String> replies = sendAtOnce(frames);

        List<Integer> accepted = indexesOf(replies, "\"status\":\"ACCEPTED\"");
        assertThat(accepted).hasSize(1);
        int storedSize = 2 + accepted.get(0) % 2;
        for (int i = 0; i < CONNECTIONS; i++) {
            if (i == accepted.get(0)) {
                continue;
            }
            if (2 + i % 2 == storedSize) {
                assertThat(replies.get(i))
                        .isEqualTo("{\"batchId\":\"same-2\",\"status\":\"DUPLICATE\",\"count\":" + storedSize + "}");
            } else {
                assertThat(replies.get(i)).contains("\"status\":\"REJECTED\"").contains("\"code\":\"CONFLICT\"");
            }
        }
        assertThat(storedTransactions("same-2")).isEqualTo(storedSize);
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id = 'same-2'", Long.class))
                .isEqualTo(1);
    }

    /** Connects all clients first, then lets them send together; the replies in client order. */
    private List<String> sendAtOnce(List<String> frames) throws Exception {
        var start = new CyclicBarrier(frames.size());
        var results = new ArrayList<Future<String>>();
        for (String frame : frames) {
            results.add(senders.submit(() -> {
                try (LineClient client = connect()) {
                    start.await(10, TimeUnit.SECONDS);
                    return client.exchange(frame);
                }
            }));
        }
        var replies = new ArrayList<String>();
        for (Future<String> result : results) {
            replies.add(result.get(30, TimeUnit.SECONDS));
        }
        return replies;
    }

    private static List<Integer> indexesOf(List<String> replies, String text) {
        var indexes = new ArrayList<Integer>();
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i).contains(text)) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
