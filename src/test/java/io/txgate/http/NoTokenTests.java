package io.txgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Secure by default: a server with no token configured lets nobody read, says so once, and its probes answer. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "txgate.server.port=0")
@ActiveProfiles("server")
@DirtiesContext
class NoTokenTests {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int httpPort;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txgate.store.path", () -> dataDir.resolve("txgate.db").toString());
    }

    @Test
    void serverWhenNoTokenConfiguredShouldLetNobodyReadAndSaySoOnce(CapturedOutput output) {
        var read = new Http(httpPort).as("anything").get("/api/transactions?account=ACC-1");

        assertThat(read.status()).isEqualTo(401);
        assertThat(read.json().path("detail").asString()).contains("no API token configured");
        assertThat(new Http(httpPort).get("/api/transactions?account=ACC-1").status())
                .isEqualTo(401);
        assertThat(new Http(managementPort).get("/actuator/prometheus").status())
                .isEqualTo(401);
        assertThat(new Http(managementPort).get("/actuator/health/liveness").status())
                .isEqualTo(200);
        assertThat(new Http(managementPort).get("/actuator/health/readiness").status())
                .isEqualTo(200);
        assertThat(output.getAll().lines().filter(line -> line.contains("no API token configured")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("INFO").contains("docs/security.md"));
        assertThat(output.getAll()).doesNotContain("Using generated security password");
    }
}
