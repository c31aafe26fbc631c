package io.txgate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.mock.env.MockEnvironment;

class ModeCheckTests {

    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "server,client", "postgres,migrate-sqlite", "server,postgres"})
    void profilesWhenNamingAModeShouldPass(String profiles) {
        assertThatCode(() -> ModeCheck.check(environment(profiles.split(",")))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "postgres", "sever", "prod", "load"})
    void profilesWhenNamingNoModeShouldStopListingTheModes(String profiles) {
        String[] active = profiles.isEmpty() ? new String[0] : profiles.split(",");

        assertThatThrownBy(() -> ModeCheck.check(environment(active)))
                .isInstanceOfSatisfying(FailureAnalyzedException.class, failure -> {
                    var analysis = failure.analysis();
                    org.assertj.core.api.Assertions.assertThat(analysis.getDescription())
                            .contains("no mode")
                            .contains("active profiles: " + (profiles.isEmpty() ? "none" : profiles));
                    org.assertj.core.api.Assertions.assertThat(analysis.getAction())
                            .contains("spring.profiles.active")
                            .contains("server", "client", "server,client", "postgres,migrate-sqlite");
                });
    }

    private static MockEnvironment environment(String... profiles) {
        var environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
