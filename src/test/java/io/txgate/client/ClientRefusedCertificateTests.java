package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server requiring client certificates refuses the client's (signed by a CA it does not trust). With TLS 1.3 the
 * client learns it only after its handshake is done, and its first write often fails with "Broken pipe": the client
 * must report the refusal, naming its SSL bundle setting, once for the whole outage rather than once per retry.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txgate.server.ssl.bundle=ingest",
            "txgate.server.ssl.client-auth=need",
            "txgate.client.ssl.bundle=terminal",
            "txgate.client.host=localhost",
            "txgate.client.count=1",
            "txgate.client.interval=50ms",
            "txgate.client.backoff-initial=20ms",
            "txgate.client.backoff-max=50ms",
            "txgate.client.batch-id-prefix=refused",
            // The per-attempt lines too, so the test sees what every attempt was reported as.
            "logging.level.io.txgate.client.OutboxSender=DEBUG"
        })
@ActiveProfiles({"server", "client"})
@Import(KeepTheJvm.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ClientRefusedCertificateTests {

    private static final int ATTEMPTS = 15;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void portsFilesAndBundles(DynamicPropertyRegistry registry) {
        ClientAndServerInOneProcess.register(registry, dataDir);
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
        TestPki.get().addJksBundle(registry, "terminal", Store.CLIENT_UNTRUSTED);
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void clientCertificateWhenRefusedShouldBeReportedAsRefusedOncePerOutageNamingTheBundleSetting(
            CapturedOutput output) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> meters.get("txgate.client.reconnects").counter().count() >= ATTEMPTS);

        List<String> attempts = output.getAll()
                .lines()
                .filter(line -> line.contains("OutboxSender") && line.contains("batch refused-"))
                .toList();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(ATTEMPTS);
        assertThat(attempts)
                .allSatisfy(line -> assertThat(line)
                        .contains("the server refused this client's certificate (TLS alert ")
                        .contains("SSL bundle 'terminal' (txgate.client.ssl.bundle)")
                        .doesNotContain("Broken pipe")
                        .doesNotContain("Socket is closed"));
        assertThat(attempts).filteredOn(line -> line.contains(" WARN ")).hasSize(1);
        assertThat(output.getAll()).doesNotContain("Read exception").doesNotContain(" ERROR ");
    }
}
