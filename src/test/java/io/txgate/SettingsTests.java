package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.ingest.IngestProperties;
import io.txgate.store.StoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Every setting is checked at start-up, a bad one stops the start naming the property, and env variables work. */
class SettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({IngestProperties.class, StoreProperties.class})
    static class Settings {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "txgate.server.port, 70000",
        "txgate.server.port, -1",
        "txgate.server.backlog, -5",
        "txgate.server.max-frame-bytes, -1",
        "txgate.server.max-transactions, 0",
        "txgate.server.idle-timeout, -1s",
        "txgate.server.reply-timeout, 0s",
        "txgate.server.shutdown-grace, -1s",
        "txgate.server.bind-address, ' '",
        "txgate.server.bind-address, ''",
        "txgate.store.max-group-rows, 0",
        "txgate.store.max-group-wait, -5ms",
        "txgate.store.max-queued-rows, -1",
        "txgate.store.probe-interval, 0s"
    })
    void settingWhenOutOfRangeShouldFailNamingTheProperty(String property, String value) {
        runner.withPropertyValues(property + "=" + value)
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(property));
    }

    @Test
    void settingsWhenAbsentShouldTakeTheDocumentedDefaults() {
        runner.run(context -> {
            var server = context.getBean(IngestProperties.class);
            assertThat(server.port()).isEqualTo(9400);
            assertThat(server.bindAddress()).containsExactly("localhost");
            assertThat(server.allowPlaintext()).isFalse();
            assertThat(server.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
            // PROTOCOL.md: idle connections close after 60 s; at most 1,000 transactions per batch.
            assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(server.maxTransactions()).isEqualTo(1000);
            var store = context.getBean(StoreProperties.class);
            assertThat(store.path()).isEqualTo("data/txgate.db");
            assertThat(store.probeInterval()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void environmentVariablesWhenSetShouldBindLikeProperties() {
        var environment = Map.<String, Object>of(
                "TXGATE_SERVER_PORT", "9555",
                "TXGATE_SERVER_BIND_ADDRESS", "127.0.0.1,::1",
                "TXGATE_SERVER_IDLE_TIMEOUT", "5s",
                "TXGATE_STORE_MAX_QUEUED_ROWS", "1234");
        // Named like the real one, so Boot maps TXGATE_SERVER_PORT to txgate.server.port as it does for the OS's.
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(context -> {
                    var server = context.getBean(IngestProperties.class);
                    assertThat(server.port()).isEqualTo(9555);
                    assertThat(server.bindAddress()).containsExactly("127.0.0.1", "::1");
                    assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(context.getBean(StoreProperties.class).maxQueuedRows())
                            .isEqualTo(1234);
                });
    }

    @Test
    void applicationWhenPortIsInvalidShouldNotStart() {
        assertThatThrownBy(() -> start("txgate.server.port=70000", "txgate.store.path=" + dir.resolve("a.db")))
                .hasStackTraceContaining("txgate.server.port")
                .hasStackTraceContaining("65535");
    }

    @Test
    void applicationWhenTlsHandshakeTimeoutIsNotPositiveShouldNotStart() {
        assertThatThrownBy(() ->
                        start("txgate.server.ssl.handshake-timeout=0s", "txgate.store.path=" + dir.resolve("h.db")))
                .hasStackTraceContaining("txgate.server.ssl.handshake-timeout");
    }

    @Test
    void applicationWhenStoreFolderCannotBeCreatedShouldNotStartNamingTheStorePath() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> start("txgate.store.path=" + notAFolder.resolve("txgate.db")))
                .rootCause()
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        e -> assertThat(e.getName()).isEqualTo("txgate.store.path"))
                .hasMessageContaining("cannot create the folder");
    }

    @Test
    void applicationWhenStorePathIsAFolderShouldNotStartNamingTheStorePath() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("txgate.db"));

        assertThatThrownBy(() -> start("txgate.store.path=" + folder))
                .rootCause()
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        e -> assertThat(e.getName()).isEqualTo("txgate.store.path"))
                .hasMessageContaining("not a regular file");
    }

    private static void start(String... properties) {
        new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .web(WebApplicationType.NONE)
                .properties("txgate.server.port=0")
                .properties(properties)
                .run()
                .close();
    }
}
