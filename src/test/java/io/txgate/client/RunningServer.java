package io.txgate.client;

import io.txgate.TxgateApplication;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A server-only application started by a test on a given TCP port, with its SQLite file in {@code dir}. */
final class RunningServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningServer start(Path dir, int port) {
        return new RunningServer(new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .run(
                        "--txgate.server.port=" + port,
                        "--txgate.server.bind-address=127.0.0.1",
                        "--txgate.store.path=" + dir.resolve("txgate.db"),
                        "--server.port=0",
                        "--management.server.port=0"));
    }

    /** Stored batch ids in the order they were stored. */
    List<String> storedBatchIds() {
        return jdbc().queryForList("select batch_id from batches order by rowid", String.class);
    }

    long storedTransactions() {
        return jdbc().queryForObject("select count(*) from transactions", Long.class);
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
