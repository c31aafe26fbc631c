package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar txgate.jar} without a mode stops at once with a message listing the modes and a non-zero exit code,
 * and leaves nothing behind: no database, no data folder (docs/operations.md, "Modes").
 */
class NoModeIT {

    @TempDir
    Path workDir;

    @Test
    void jarWhenStartedWithoutProfileShouldStopAtOnceListingTheModesAndCreateNothing() throws IOException {
        try (JarProcess jar = JarProcess.start(workDir, "--server.port=0")) {
            int exitCode = jar.awaitExit(Duration.ofSeconds(60));
            String output = jar.output();

            assertThat(exitCode).as(output).isNotZero();
            assertThat(output)
                    .contains("APPLICATION FAILED TO START")
                    .contains("txgate has no mode to run in")
                    .contains("--spring.profiles.active=server")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
        }
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).as("files left in the working directory").isEmpty();
        }
    }

    @Test
    void jarWhenOnlyThePostgresProfileIsActiveShouldStopBeforeConnecting() {
        // postgres says where the store is, not what to do: refused before any connection is tried.
        try (JarProcess jar = JarProcess.start(
                workDir,
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x")) {
            int exitCode = jar.awaitExit(Duration.ofSeconds(60));

            assertThat(exitCode).isNotZero();
            assertThat(jar.output())
                    .contains("active profiles: postgres")
                    .doesNotContain("Connection refused")
                    .doesNotContain("HikariPool");
        }
    }
}
