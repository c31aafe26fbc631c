package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ClientOnlyEnvironmentPostProcessorTests {

    private final ClientOnlyEnvironmentPostProcessor processor = new ClientOnlyEnvironmentPostProcessor();

    @Test
    void clientOnlyWhenProcessedShouldExcludeDatabaseAndMoveHttpPort() {
        var environment = environment("client");
        environment.setProperty("spring.autoconfigure.exclude", "com.example.SomethingAutoConfiguration");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .contains("com.example.SomethingAutoConfiguration")
                .contains(ClientOnlyEnvironmentPostProcessor.SERVER_DATABASE_AUTO_CONFIGURATIONS);
        assertThat(environment.getProperty("server.port")).isEqualTo("8081");
    }

    @Test
    void clientOnlyWhenServerPortSetShouldKeepIt() {
        var environment = environment("client");
        environment.setProperty("server.port", "9090");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.port")).isEqualTo("9090");
    }

    @Test
    void demoWhenServerAndClientShouldChangeNothing() {
        var environment = environment("server", "client");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
        assertThat(environment.getProperty("server.port")).isNull();
    }

    @Test
    void serverOnlyWhenProcessedShouldChangeNothing() {
        var environment = environment("server");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }

    @Test
    void autoConfigurationNamesWhenListedShouldExistOnTheClasspath() throws Exception {
        for (String name : ClientOnlyEnvironmentPostProcessor.SERVER_DATABASE_AUTO_CONFIGURATIONS) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull();
        }
    }

    private static MockEnvironment environment(String... profiles) {
        var environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
