package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The actuator on its own port: what it shows, to whom. */
class ActuatorEndpointsTests extends IngestServerTestBase {

    /** A caller with a valid token, who sees health details. */
    Http http() {
        return management().as(TestTokens.OPERATOR);
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

    /** Orchestrators send no token: the probes answer them, with the status and nothing else. */
    @Test
    void probesWhenCalledWithoutTokenShouldAnswerStatusOnly() {
        ingestPort();
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = management().get(probe);

            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(names(response.json())).as(probe).containsExactly("status");
            assertThat(response.json().path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void healthWhenCalledWithoutTokenShouldHideComponentsAndDetails() {
        ingestPort();
        var response = management().get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
        assertThat(response.json().has("components")).isFalse();
        assertThat(response.body())
                .doesNotContain(storeFile().getParent().toString())
                .doesNotContain("txgate.db")
                .doesNotContain("free")
                .doesNotContain("jdbc:");
    }

    @Test
    void healthWhenCalledWithWrongTokenShouldBe401() {
        var response = management().as("not-a-token").get("/actuator/health/liveness");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"txgate\", error=\"invalid_token\"");
    }

    /** Prometheus needs scope metrics by default; /actuator/info and the endpoint list any valid token. */
    @Test
    void metricsAndInfoWhenCalledShouldNeedTheRightToken() {
        assertThat(management().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(management()
                        .as(TestTokens.READER)
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(403);
        assertThat(management()
                        .as(TestTokens.SCRAPER)
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(200);
        assertThat(management().get("/actuator/info").status()).isEqualTo(401);
        assertThat(management().as(TestTokens.READER).get("/actuator/info").status())
                .isEqualTo(200);
        assertThat(management().get("/actuator").status()).isEqualTo(401);
    }

    @Test
    void responsesWhenAnyShouldCarrySecurityHeaders() {
        for (Http.Response response : new Http.Response[] {
            management().get("/actuator/health/liveness"),
            management().get("/actuator/prometheus"),
            http().get("/actuator/health"),
            management().as(TestTokens.READER).get("/actuator/prometheus"),
            management().as(TestTokens.READER).get("/actuator/nothing-here")
        }) {
            assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.header("Cache-Control"))
                    .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        }
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
        // Not a way around the token either: unknown paths answer 401 before 404.
        assertThat(management().get("/actuator/env").status()).isEqualTo(401);
    }

    private static java.util.List<String> names(JsonNode object) {
        var names = new java.util.ArrayList<String>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
