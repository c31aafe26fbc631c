package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ExitOnListenerFailureTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class));

    @Test
    void listenerWhenLostShouldTurnLivenessDownAndExitWithStatusOne() {
        runner.run(context -> {
            var exitStatus = new CompletableFuture<Integer>();

            new ExitOnListenerFailure(context, exitStatus::complete).listenerStopped("0.0.0.0:9400", "test");

            assertThat(context.getBean(ApplicationAvailability.class).getLivenessState())
                    .isEqualTo(LivenessState.BROKEN);
            assertThat(exitStatus).isCompletedWithValue(1);
        });
    }
}
