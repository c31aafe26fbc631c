package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.TestTokens;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What an operator gets without extra hardening: actuator on its own local port showing nothing sensitive even to a
 * token holder, and logs that never carry transaction content, passwords or keys.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "management.server.port=0",
            "management.server.address=127.0.0.1",
            "txgate.server.ssl.bundle=ingest"
        })
class SafeDefaultsTests extends IngestServerTestBase {

    private static final Set<String> ALLOWED_ENDPOINTS = Set.of("self", "health", "health-path", "info", "prometheus");

    @LocalServerPort
    int httpPort;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
    }

    @Test
    void actuatorWhenOnManagementPortShouldExposeOnlyHealthInfoAndPrometheus() throws Exception {
        assertThat(new Http(managementPort).get("/actuator").status()).isEqualTo(401);
        var links = get(managementPort, "/actuator").json().get("_links");
        var exposed = new HashSet<String>(links.propertyNames());
        assertThat(exposed).contains("health").isSubsetOf(ALLOWED_ENDPOINTS);

        for (String sensitive :
                Set.of("env", "configprops", "beans", "heapdump", "threaddump", "loggers", "mappings", "shutdown")) {
            assertThat(get(managementPort, "/actuator/" + sensitive).status())
                    .as(sensitive)
                    .isEqualTo(404);
        }
        String health = get(managementPort, "/actuator/health").body();
        assertThat(health)
                .contains("\"status\"")
                .doesNotContain(TestPki.PASSWORD)
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void mainPortWhenManagementSeparatedShouldServeReadApiButNotActuator() throws Exception {
        try (LineClient client = LineClient.over(TestPki.get().connect(ingestPort(), null))) {
            assertThat(client.exchange(Batches.valid("safe-1", 1))).contains("\"status\":\"ACCEPTED\"");
        }

        assertThat(get(httpPort, "/api/batches/safe-1").status()).isEqualTo(200);
        assertThat(get(httpPort, "/actuator/health").status()).isEqualTo(404);
        assertThat(get(managementPort, "/api/batches/safe-1").status()).isEqualTo(404);
    }

    @Test
    void logsWhenBatchesAcceptedOrRejectedShouldNotContainTransactionContent(CapturedOutput output) {
        String marker = "card-4111-1111-secret";
        String valid = Batches.batch("safe-log-1", "[" + Batches.transaction("t1", "ACC-1", "\"1.00\"", marker) + "]");
        String invalid = Batches.batch(
                "safe-log-2",
                "[" + Batches.transaction("t1", "ACC-1", "\"1.00\"", marker).replace("\"EUR\"", "\"eur\"") + "]");
        try (LineClient client = LineClient.over(TestPki.get().connect(ingestPort(), null))) {
            assertThat(client.exchange(valid)).contains("\"status\":\"ACCEPTED\"");
            assertThat(client.exchange(invalid)).contains("\"code\":\"INVALID\"");
        }

        // The rejection is logged (connection, batchId, code, field), the content is not.
        assertThat(output.getAll())
                .contains("safe-log-2")
                .doesNotContain(marker)
                .doesNotContain(TestPki.PASSWORD);
    }

    /** As a caller with a token that may do everything: what is hidden is hidden from everybody. */
    private static Http.Response get(int port, String path) {
        return new Http(port).as(TestTokens.OPERATOR).get(path);
    }
}
