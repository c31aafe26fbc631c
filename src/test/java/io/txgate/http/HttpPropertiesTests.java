package io.txgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.support.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The HTTP settings: their defaults, and a bad token setting stops the start naming the property. */
class HttpPropertiesTests {

    private static final String HASH = TestTokens.sha256("a-secret");

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HttpProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void defaultsWhenNothingIsSetShouldLetNobodyInAndCapReads() {
        runner.run(context -> {
            var properties = context.getBean(HttpProperties.class);
            assertThat(properties.tokens()).isEmpty();
            assertThat(properties.maxConcurrentReads()).isEqualTo(2);
            assertThat(properties.headerDeadline()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.openMetrics()).isFalse();
        });
    }

    @Test
    void tokenWhenSetShouldBindNameHashAndScopes() {
        runner.withPropertyValues(
                        "txgate.http.tokens[0].name=reporting",
                        "txgate.http.tokens[0].sha256=" + HASH,
                        "txgate.http.tokens[0].scopes=read,metrics")
                .run(context -> assertThat(context.getBean(HttpProperties.class).tokens())
                        .containsExactly(new HttpProperties.Token(
                                "reporting", HASH, Set.of(HttpProperties.Scope.READ, HttpProperties.Scope.METRICS))));
    }

    /** docs/security.md shows tokens given as environment variables; Boot maps the _0_ to the list index. */
    @Test
    void tokenWhenGivenAsEnvironmentVariablesShouldBind() {
        var environment = Map.<String, Object>of(
                "TXGATE_HTTP_TOKENS_0_NAME", "reporting",
                "TXGATE_HTTP_TOKENS_0_SHA256", HASH,
                "TXGATE_HTTP_TOKENS_0_SCOPES", "read,metrics",
                "TXGATE_HTTP_MAX_CONCURRENT_READS", "3");
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(context -> {
                    var properties = context.getBean(HttpProperties.class);
                    assertThat(properties.tokens())
                            .containsExactly(new HttpProperties.Token(
                                    "reporting",
                                    HASH,
                                    Set.of(HttpProperties.Scope.READ, HttpProperties.Scope.METRICS)));
                    assertThat(properties.maxConcurrentReads()).isEqualTo(3);
                });
    }

    @ParameterizedTest
    @CsvSource({
        "txgate.http.tokens[0].sha256, not-hex",
        "txgate.http.tokens[0].sha256, abc123",
        "txgate.http.tokens[0].name, 'has space'",
        "txgate.http.tokens[0].scopes, ''",
        "txgate.http.tokens[0].scopes, write",
        "txgate.http.max-concurrent-reads, 0",
        "txgate.http.header-deadline, 0s"
    })
    void settingWhenInvalidShouldFailNamingTheProperty(String property, String value) {
        var valid = new ArrayList<>(List.of(
                "txgate.http.tokens[0].name=reporting",
                "txgate.http.tokens[0].sha256=" + HASH,
                "txgate.http.tokens[0].scopes=read"));
        valid.removeIf(setting -> setting.startsWith(property + "="));
        valid.add(property + "=" + value);

        runner.withPropertyValues(valid.toArray(String[]::new))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining(property.substring(property.lastIndexOf('.') + 1)));
    }

    @Test
    void tokensWhenNameOrHashRepeatsShouldRefuseToStart() {
        var scopes = Set.of(HttpProperties.Scope.READ);
        assertThatThrownBy(() -> new ApiTokens(List.of(
                        new HttpProperties.Token("a", HASH, scopes),
                        new HttpProperties.Token("a", TestTokens.sha256("other"), scopes))))
                .hasMessageContaining("'a' is used twice");
        assertThatThrownBy(() -> new ApiTokens(List.of(
                        new HttpProperties.Token("a", HASH, scopes),
                        new HttpProperties.Token("b", HASH.toUpperCase(), scopes))))
                .hasMessageContaining("same sha256");
    }

    @Test
    void tokensWhenSecretPresentedShouldFindOnlyTheOneWithThatHash() {
        var tokens = new ApiTokens(List.of(
                new HttpProperties.Token("a", HASH, Set.of(HttpProperties.Scope.READ)),
                new HttpProperties.Token("b", TestTokens.sha256("b-secret"), Set.of(HttpProperties.Scope.METRICS))));

        assertThat(tokens.find("a-secret"))
                .hasValueSatisfying(token -> assertThat(token.name()).isEqualTo("a"));
        assertThat(tokens.find("b-secret"))
                .hasValueSatisfying(token -> assertThat(token.name()).isEqualTo("b"));
        assertThat(tokens.find("a-secre")).isEmpty();
        assertThat(tokens.find(HASH)).isEmpty();
        assertThat(new ApiTokens(List.of()).find("")).isEmpty();
    }

    @Test
    void tokenWhenPrintedShouldNotShowItsHash() {
        assertThat(new HttpProperties.Token("a", HASH, Set.of(HttpProperties.Scope.READ)).toString())
                .doesNotContain(HASH);
    }

    /** The management port of a server is its own by default (8081 is a client-only process's HTTP port). */
    @Test
    void managementPortWhenServerProfileShouldDefaultTo8082() {
        var yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-server.yml"));

        assertThat(yaml.getObject()).containsEntry("management.server.port", 8082);
    }
}
