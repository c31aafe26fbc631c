package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ClientPropertiesTests {

    @Test
    void defaultsWhenNothingSetShouldMatchTheDocumentedOnes() {
        ClientProperties properties = bind(Map.of());

        assertThat(properties.host()).isEqualTo("localhost");
        assertThat(properties.port()).isEqualTo(9400);
        assertThat(properties.interval()).hasSeconds(1);
        assertThat(properties.batchSize()).isEqualTo(10);
        assertThat(properties.replyTimeout()).hasSeconds(5);
        assertThat(properties.count()).isZero();
        assertThat(properties.backoffInitial()).hasMillis(200);
        assertThat(properties.backoffMax()).hasSeconds(10);
        assertThat(properties.outboxPath()).isEqualTo("data/client-outbox.db");
        assertThat(properties.outboxMaxBatches()).isEqualTo(10_000);
        assertThat(properties.maxFrameBytes()).isEqualTo(1_048_576);
        assertThat(properties.batchIdPrefix()).isEmpty();
    }

    @Test
    void intervalWhenZeroShouldFailNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("txgate.client.interval", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, invalid -> {
                    assertThat(invalid.getName()).isEqualTo("txgate.client.interval");
                    assertThat(invalid.getReason()).isEqualTo("must be positive");
                });
    }

    @Test
    void serversWhenOneIsNoHostAndPortShouldFailNamingItsIndex() {
        assertThatThrownBy(() -> bind(Map.of("txgate.client.servers", "127.0.0.1:9400,nope")))
                .rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, invalid -> {
                    assertThat(invalid.getName()).isEqualTo("txgate.client.servers[1]");
                    assertThat(invalid.getValue()).isEqualTo("nope");
                    assertThat(invalid.getReason()).isEqualTo("'nope' is not host:port");
                });
    }

    @Test
    void backoffMaxWhenShorterThanInitialShouldFail() {
        assertThatThrownBy(() -> bind(Map.of("txgate.client.backoff-initial", "5s", "txgate.client.backoff-max", "1s")))
                .rootCause()
                .hasMessageContaining("txgate.client.backoff-max");
    }

    @Test
    void batchIdPrefixWhenLongerThan27ShouldStopTheStartNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
                .withUserConfiguration(Settings.class)
                .withPropertyValues("txgate.client.batch-id-prefix=" + "p".repeat(28))
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("txgate.client.batch-id-prefix")
                        .hasMessageContaining("must be at most 27"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClientProperties.class)
    static class Settings {}

    private static ClientProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("txgate.client", ClientProperties.class);
    }
}
