package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real server for tests: the ingest TCP port and the HTTP port are picked free, and the SQLite file lives in a
 * fresh temporary folder per test class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "txgate.server.port=0")
@ActiveProfiles("server")
// Each class's context owns its temp folder, so it must not be cached for a later class after the folder is gone.
@DirtiesContext
public abstract class IngestServerTestBase {

    @TempDir
    protected static Path dataDir;

    @Autowired
    protected AbstractServerConnectionFactory ingestConnectionFactory;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txgate.store.path", () -> dataDir.resolve("txgate.db").toString());
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

    protected long storedTransactions(String batchId) {
        return jdbc.queryForObject("select count(*) from batch_transactions where batch_id = ?", Long.class, batchId);
    }
}
