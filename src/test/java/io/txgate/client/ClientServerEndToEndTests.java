package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo: server and client in one process, the client sending a counted run over a real socket. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txgate.client.host=127.0.0.1",
            "txgate.client.count=5",
            "txgate.client.batch-size=10",
            "txgate.client.interval=50ms",
            "txgate.client.backoff-initial=50ms",
            "txgate.client.backoff-max=400ms",
            "txgate.client.batch-id-prefix=e2e"
        })
@ActiveProfiles({"server", "client"})
@Import(KeepTheJvm.class)
@DirtiesContext
class ClientServerEndToEndTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void portsAndFiles(DynamicPropertyRegistry registry) {
        ClientAndServerInOneProcess.register(registry, dataDir);
    }

    @Autowired
    RecordingExit exit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Outbox outbox;

    @Autowired
    MeterRegistry meters;

    @Test
    void countedRunWhenServerInSameProcessShouldStoreEveryBatchOnceAndExitZero() {
        await().atMost(Duration.ofSeconds(30)).until(exit::fired);

        assertThat(exit.code()).isZero();
        List<Map<String, Object>> batches = jdbc.queryForList("select batch_id, tx_count from batches order by rowid");
        assertThat(batches).hasSize(5).allSatisfy(batch -> {
            assertThat((String) batch.get("batch_id")).startsWith("e2e-");
            assertThat(((Number) batch.get("tx_count")).intValue()).isEqualTo(10);
        });
        assertThat(jdbc.queryForObject("select count(*) from transactions", Long.class))
                .isEqualTo(50);
        assertThat(jdbc.queryForObject("select count(distinct batch_id) from batch_transactions", Long.class))
                .isEqualTo(5);
        assertThat(outbox.depth()).isZero();
        assertThat(outbox.oldest()).isEmpty();
        assertThat(meters.get("txgate.client.batches.sent").counter().count()).isEqualTo(5);
        assertThat(meters.get("txgate.client.replies")
                        .tags("status", "ACCEPTED", "code", "none")
                        .counter()
                        .count())
                .isEqualTo(5);
        assertThat(meters.get("txgate.client.outbox.depth").gauge().value()).isZero();
    }
}
