package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.TxgateApplication;
import io.txgate.support.SqliteFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the store with batches still queued (a graceful shutdown drains the connections first, so this is what
 * callers of the store other than the ingest flow, or a drain that timed out, leave behind): every queued batch is
 * committed and its outcome completed before stop returns.
 */
class StoreStopTests {

    private static final int BATCHES = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void stopWhenBatchesAreQueuedShouldCommitAndAnswerEveryOneBeforeReturning() throws Exception {
        Path db = dataDir.resolve("txgate.db");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TxgateApplication.class)
                .web(WebApplicationType.NONE)
                // Small groups: many commits are still ahead when the stop begins.
                .properties("txgate.store.path=" + db, "txgate.store.max-group-rows=20")
                .run();
        BatchStore store = context.getBean(BatchStore.class);
        var outcomes = new ArrayList<CompletableFuture<StoreOutcome>>();
        for (int i = 0; i < BATCHES; i++) {
            outcomes.add(store.store(GroupCommitTests.batch("stop-" + i, "ACC-" + i % 7, 2), null));
        }

        context.close();

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isDone());
        assertThat(outcomes.stream().map(CompletableFuture::join)).containsOnly(new StoreOutcome.Stored(2));
        assertThat(new SqliteFile(db).countRows("transactions")).isEqualTo(2L * BATCHES);
    }
}
