package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.txgate.client.ClientProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.mock.env.MockEnvironment;

/** A start stopped by one of our settings is reported in a few words naming the setting, not as a stack trace. */
class SettingsFailureAnalyzerTests {

    private final MockEnvironment environment = new MockEnvironment();
    private final SettingsFailureAnalyzer analyzer = new SettingsFailureAnalyzer(environment);

    @Test
    void settingsRecordWhenItRefusesAValueShouldBeReportedWithSettingValueReasonAndOrigin() {
        environment.setProperty("txgate.client.servers", "nope");
        Throwable failure =
                catchThrowable(() -> Binder.get(environment).bindOrCreate("txgate.client", ClientProperties.class));

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("clientProperties", "wrapped", failure));

        assertThat(analysis.getDescription())
                .isEqualTo("Invalid value 'nope' for the setting txgate.client.servers[0]: 'nope' is not host:port");
        assertThat(analysis.getAction())
                .startsWith("Change txgate.client.servers[0] (set in ")
                .contains("docs/operations.md");
        assertThat(analysis.getDescription() + analysis.getAction())
                .doesNotContain("Exception")
                .doesNotContain("java.lang");
    }

    @Test
    void checkWhenItsMessageStartsWithTheSettingShouldBeReportedAsThatSetting() {
        var failure = new BeanCreationException(
                "groupCommit",
                "failed",
                new IllegalStateException("txgate.store.writers=2 needs a store that takes concurrent writers"));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription())
                .isEqualTo("Invalid setting txgate.store.writers: txgate.store.writers=2 needs a store that takes"
                        + " concurrent writers");
        assertThat(analysis.getAction()).startsWith("Change txgate.store.writers.");
    }

    @Test
    void sslBundleWhenNotDefinedShouldNameTheSettingThatNamesIt() {
        environment.setProperty("txgate.server.ssl.bundle", "nothere");
        var failure = new BeanCreationException(
                "ingestTls",
                "failed",
                new NoSuchSslBundleException("nothere", "SSL bundle name 'nothere' cannot be found"));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription())
                .isEqualTo("Invalid value 'nothere' for the setting txgate.server.ssl.bundle: there is no SSL bundle of"
                        + " that name.");
        assertThat(analysis.getAction())
                .startsWith("Change txgate.server.ssl.bundle (set in ")
                .endsWith("or define it under spring.ssl.bundle.pem.nothere.* or spring.ssl.bundle.jks.nothere.*"
                        + " (docs/security.md).");
    }

    @Test
    void failureAnalyzedExceptionWhenWrappedShouldKeepItsOwnDescriptionAndAction() {
        var failure = new BeanCreationException("clientOutbox", "failed", new FailureAnalyzedException("what", "do"));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("what");
        assertThat(analysis.getAction()).isEqualTo("do");
    }

    @Test
    void failureWhenNotAboutOurSettingsShouldBeLeftToSpringBoot() {
        assertThat(analyzer.analyze(new IllegalStateException("disk on fire"))).isNull();
        assertThat(new SettingsFailureAnalyzer(null).analyze(new IllegalStateException("txgate.x=1 is wrong")))
                .extracting(FailureAnalysis::getAction)
                .asString()
                .startsWith("Change txgate.x.");
    }
}
