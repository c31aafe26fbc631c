package io.txgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many ingest connections committing batches at once, each sending its batches one after the other and checking the
 * reply, so the store sees concurrent groups; bounded in batches.
 */
public final class IngestLoad {

    private IngestLoad() {}

    /**
     * Starts {@code connections} senders, round-robin over {@code ports}, each sending {@code batches} batches of 1-5
     * transactions named {@code prefix-<connection>-<n>}; the future completes with the number of transactions
     * accepted.
     */
    public static CompletableFuture<Integer> start(String prefix, int[] ports, int connections, int batches) {
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        var accepted = new AtomicInteger();
        var all = new ArrayList<CompletableFuture<Void>>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            all.add(CompletableFuture.runAsync(
                    () -> {
                        try (LineClient client = LineClient.connect(ports[connection % ports.length])) {
                            for (int n = 0; n < batches; n++) {
                                int size = 1 + (connection + n) % 5;
                                String reply =
                                        client.exchange(Batches.valid(prefix + "-" + connection + "-" + n, size));
                                assertThat(reply).contains("ACCEPTED");
                                accepted.addAndGet(size);
                            }
                        }
                    },
                    senders));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(done -> accepted.get())
                .whenComplete((done, failure) -> senders.shutdown());
    }
}
