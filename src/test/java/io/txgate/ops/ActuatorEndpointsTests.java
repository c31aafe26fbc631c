package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

class ActuatorEndpointsTests extends IngestServerTestBase {

    @Value("${local.server.port}")
    int httpPort;

    Http http() {
        return new Http(httpPort);
    }

    @Test
    void healthWhenListenerBoundAndStoreWritableShouldBeUpWithDetails() {
        ingestPort();
        try (LineClient client = connect()) {
            client.exchange(Batches.valid("health-1", 2));

            var response = http().get("/actuator/health");

            assertThat(response.status()).isEqualTo(200);
            JsonNode health = response.json();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            JsonNode listener = health.path("components").path("tcpListener");
            assertThat(listener.path("status").asString()).isEqualTo("UP");
            assertThat(listener.path("details").path("port").asInt()).isEqualTo(ingestPort());
            assertThat(listener.path("details").path("addresses").valueStream().map(JsonNode::asString))
                    .startsWith("127.0.0.1:" + ingestPort())
                    .allMatch(address ->
                            address.equals("127.0.0.1:" + ingestPort()) || address.equals("[::1]:" + ingestPort()));
            assertThat(listener.path("details").path("openConnections").asInt()).isEqualTo(1);
            JsonNode store = health.path("components").path("store");
            assertThat(store.path("status").asString()).isEqualTo("UP");
            assertThat(Path.of(store.path("details").path("file").asString()))
                    .isAbsolute()
                    .endsWith(Path.of("txgate.db"))
                    .exists();
            assertThat(store.path("details").path("fileBytes").asLong()).isPositive();
            assertThat(store.path("details").path("queuedRows").asInt()).isZero();
            assertThat(store.path("details").path("database").asString())
                    .startsWith("jdbc:sqlite:")
                    .doesNotContain("?");
        }
    }

    @Test
    void probesWhenServerRunsShouldListTheirComponentsAndBeUp() {
        ingestPort();
        var liveness = http().get("/actuator/health/liveness");
        var readiness = http().get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        assertThat(names(liveness.json().path("components"))).containsExactly("livenessState");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(names(readiness.json().path("components")))
                .containsExactlyInAnyOrder("readinessState", "tcpListener", "store");
    }

    @Test
    void infoWhenBuiltByMavenShouldShowVersionBuildTimeAndCommit() throws IOException {
        JsonNode info = http().get("/actuator/info").json();

        assertThat(info.path("build").path("version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(info.path("build").path("time").asString()).isNotBlank();
        Properties git = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        }
        // A build from a source archive without .git has no git.properties; then /actuator/info has no git entry.
        if (git.isEmpty()) {
            assertThat(info.has("git")).isFalse();
        } else {
            assertThat(info.path("git").path("commit").path("id").asString())
                    .isEqualTo(git.getProperty("git.commit.id.abbrev"));
        }
    }

    @Test
    void actuatorWhenAskedForUnsafeEndpointsShouldNotExposeThem() {
        assertThat(http().get("/actuator/env").status()).isEqualTo(404);
        assertThat(http().get("/actuator/beans").status()).isEqualTo(404);
        assertThat(http().get("/actuator/heapdump").status()).isEqualTo(404);
        assertThat(http().get("/actuator/prometheus").status()).isEqualTo(200);
    }

    private static java.util.List<String> names(JsonNode object) {
        var names = new java.util.ArrayList<String>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
