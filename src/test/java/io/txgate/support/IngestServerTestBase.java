package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real server for tests: the ingest TCP port and both HTTP ports (API, management) are picked free, the SQLite file
 * lives in a temporary folder of the context's own ({@link TemporaryStoreFolder}), and the {@link TestTokens} are
 * configured.
 *
 * <p>The context is cached: every test class with the same configuration (no properties of its own) shares one
 * server, and Spring pauses it (stops its ports and writer) while other contexts run. So a test must not count what
 * it did not send itself (all rows, all connections ever): it uses batchIds and accounts of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "txgate.server.port=0")
@ContextConfiguration(initializers = TemporaryStoreFolder.class)
@ActiveProfiles("server")
public abstract class IngestServerTestBase {

    @Autowired
    protected AbstractServerConnectionFactory ingestConnectionFactory;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected Environment environment;

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
    }

    /** The context's SQLite file. */
    protected Path storeFile() {
        return Path.of(environment.getRequiredProperty(TemporaryStoreFolder.PROPERTY));
    }

    /** The API port, anonymous; {@code api().as(TestTokens.READER)} for a caller with a token. */
    protected Http api() {
        return new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    /** The management port (actuator), anonymous. */
    protected Http management() {
        return new Http(environment.getRequiredProperty("local.management.port", Integer.class));
    }

    /** The ingest port, once the listener is bound. */
    protected int ingestPort() {
        if (!ingestConnectionFactory.isListening()) {
            await().atMost(Duration.ofSeconds(10)).until(ingestConnectionFactory::isListening);
        }
        return ingestConnectionFactory.getPort();
    }

    protected LineClient connect() {
        return LineClient.connect(ingestPort());
    }

    /** Batches whose stored transactions do not add up to their count; anything but zero is a broken store. */
    protected long partialBatches() {
        return jdbc.queryForObject(
                "select count(*) from batches b"
                        + " where b.tx_count <> (select count(*) from transactions t"
                        + " where t.row_no >= b.batch_no and t.row_no < b.batch_no + b.tx_count)",
                Long.class);
    }

    /** Waits until the server holds no connection any more (each freed slot is counted when its socket closes). */
    protected void awaitNoOpenConnections() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ingestConnectionFactory.getOpenConnectionIds().isEmpty());
    }

    protected long storedTransactions(String batchId) {
        return jdbc.queryForObject("select count(*) from batch_transactions where batch_id = ?", Long.class, batchId);
    }
}
