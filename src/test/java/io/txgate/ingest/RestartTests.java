package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.TxgateApplication;
import io.txgate.support.Batches;
import io.txgate.support.LineClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

class RestartTests {

    @TempDir
    Path dataDir;

    @Test
    void serverWhenRestartedOnSameFileShouldKeepDataAndDeduplication() {
        String batch = Batches.valid("rs-1", 4);
        try (var first = start()) {
            try (LineClient client = LineClient.connect(port(first))) {
                assertThat(client.exchange(batch)).contains("ACCEPTED");
            }
        }
        try (var second = start()) {
            try (LineClient client = LineClient.connect(port(second))) {
                assertThat(client.exchange(batch))
                        .isEqualTo("{\"batchId\":\"rs-1\",\"status\":\"DUPLICATE\",\"count\":4}");
                assertThat(client.exchange(Batches.valid("rs-1", 5))).contains("CONFLICT");
            }
            var jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from transactions", Long.class))
                    .isEqualTo(4);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .run(
                        "--txgate.server.port=0",
                        "--server.port=0",
                        "--management.server.port=0",
                        "--txgate.store.path=" + dataDir.resolve("restart.db"));
    }

    private static int port(ConfigurableApplicationContext context) {
        var factory = context.getBean(AbstractServerConnectionFactory.class);
        await().until(factory::isListening);
        return factory.getPort();
    }
}
