package io.txgate.client;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A counted client run ends by calling the exit hook; in tests it records the code instead of ending the test JVM.
 * {@code @Import} it, or pass it as a source to a {@code SpringApplicationBuilder}.
 */
@TestConfiguration(proxyBeanMethods = false)
class KeepTheJvm {

    @Bean
    @Primary
    RecordingExit recordingExit() {
        return new RecordingExit();
    }
}
