package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The settings that keep one client from harming the others: checked at start-up, with the documented defaults. */
class IngestLimitSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IngestProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @ParameterizedTest
    @CsvSource({
        "txgate.server.max-connections-per-address, 0",
        "txgate.server.write-timeout, 0s",
        "txgate.server.rejected-frames-timeout, 0s",
        "txgate.server.buffer-wait, -1s",
        "txgate.server.max-buffered-bytes, 1MB"
    })
    void settingWhenOutOfRangeShouldFailNamingTheProperty(String property, String value) {
        runner.withPropertyValues(property + "=" + value)
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(property));
    }

    @Test
    void settingsWhenAbsentShouldTakeTheDocumentedDefaults() {
        runner.run(context -> {
            var server = context.getBean(IngestProperties.class);
            assertThat(server.maxConnectionsPerAddress()).isEqualTo(100);
            assertThat(server.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(server.rejectedFramesTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(server.bufferWait()).isEqualTo(Duration.ofSeconds(10));
            assertThat(server.bufferedBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        });
    }

    @Test
    void bufferBudgetWhenSetShouldBeTakenAsADataSize() {
        runner.withPropertyValues("txgate.server.max-buffered-bytes=64MB")
                .run(context -> assertThat(
                                context.getBean(IngestProperties.class).bufferedBytes())
                        .isEqualTo(64L * 1024 * 1024));
    }
}
