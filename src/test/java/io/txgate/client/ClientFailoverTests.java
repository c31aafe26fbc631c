package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.TxgateApplication;
import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.PostgresSchema;
import io.txgate.support.ServerProcess;
import io.txgate.support.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client profile with two servers on one PostgreSQL: the first is killed (SIGKILL) while the client sends; the
 * client fails over to the second and resends what was unacknowledged with the same batchIds.
 */
@EnabledIfPostgres
class ClientFailoverTests {

    private static final int BATCHES = 200;

    @TempDir
    Path dir;

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    private ServerProcess doomed;
    private ConfigurableApplicationContext survivor;
    private ConfigurableApplicationContext client;

    @BeforeEach
    void startTwoServers() {
        survivor = TestServers.startOnPostgres(schema.name());
        doomed = ServerProcess.startOnPostgres(schema.name());
    }

    @AfterEach
    void stopAll() {
        if (client != null) {
            client.close();
        }
        if (doomed != null) {
            doomed.close();
        }
        if (survivor != null) {
            survivor.close();
        }
    }

    @Test
    void clientWhenFirstServerIsKilledShouldFailOverAndStoreEveryBatchOnce() {
        // The doomed server first: the client starts on it and must move to the survivor.
        String servers = "127.0.0.1:" + doomed.tcpPort() + ",127.0.0.1:" + TestServers.ingestPort(survivor);
        client = new SpringApplicationBuilder(TxgateApplication.class, KeepTheJvm.class)
                .profiles("client")
                .run(
                        "--txgate.client.servers=" + servers,
                        "--txgate.client.count=" + BATCHES,
                        "--txgate.client.batch-size=5",
                        "--txgate.client.interval=10ms",
                        "--txgate.client.reply-timeout=3s",
                        "--txgate.client.backoff-initial=50ms",
                        "--txgate.client.backoff-max=500ms",
                        "--txgate.client.batch-id-prefix=failover",
                        "--txgate.client.outbox-path=" + dir.resolve("outbox.db"),
                        "--server.port=0");
        var store = survivor.getBean(JdbcTemplate.class);
        var exit = client.getBean(RecordingExit.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> batches(store) >= BATCHES / 4);
        doomed.kill();

        await().atMost(Duration.ofSeconds(120)).until(exit::fired);
        assertThat(exit.code()).isZero();
        assertThat(client.getBean(MeterRegistry.class)
                        .get("txgate.client.reconnects")
                        .counter()
                        .count())
                .as("the kill cost the client its connection, so it really failed over")
                .isPositive();
        assertThat(batches(store)).isEqualTo(BATCHES);
        assertThat(store.queryForObject("select count(*) from transactions", Long.class))
                .isEqualTo(BATCHES * 5L);
        assertThat(store.queryForObject(
                        "select count(*) from batches b where tx_count <> (select count(*) from batch_transactions t"
                                + " where t.batch_id = b.batch_id)",
                        Long.class))
                .as("batches stored whole")
                .isZero();
    }

    private static long batches(JdbcTemplate store) {
        return store.queryForObject("select count(*) from batches where batch_id like 'failover-%'", Long.class);
    }
}
