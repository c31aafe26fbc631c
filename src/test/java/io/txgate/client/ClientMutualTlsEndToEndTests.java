package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The client profile over mutual TLS, configured only through settings: it verifies the server's certificate for
 * "localhost", presents its own, and the server stores the certificate's subject with every batch.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txgate.server.ssl.bundle=ingest",
            "txgate.server.ssl.client-auth=need",
            "txgate.client.ssl.bundle=terminal",
            "txgate.client.host=localhost",
            "txgate.client.count=3",
            "txgate.client.batch-size=4",
            "txgate.client.interval=50ms",
            "txgate.client.backoff-initial=50ms",
            "txgate.client.backoff-max=400ms",
            "txgate.client.batch-id-prefix=mtls"
        })
@ActiveProfiles({"server", "client"})
@Import(KeepTheJvm.class)
@DirtiesContext
class ClientMutualTlsEndToEndTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void portsFilesAndBundles(DynamicPropertyRegistry registry) {
        ClientAndServerInOneProcess.register(registry, dataDir);
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
        TestPki.get().addJksBundle(registry, "terminal", Store.CLIENT);
    }

    @Autowired
    RecordingExit exit;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void clientProfileWhenGivenBundleShouldSendOverMutualTlsAndServerStoresItsSubject() {
        await().atMost(Duration.ofSeconds(60)).until(exit::fired);

        assertThat(exit.code()).isZero();
        assertThat(jdbc.queryForList("select distinct client_id from batch_transactions", String.class))
                .containsExactly(TestPki.CLIENT_SUBJECT);
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id like 'mtls-%'", Long.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from transactions", Long.class))
                .isEqualTo(12);
    }
}
