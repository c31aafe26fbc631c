package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.FreePort;
import io.txgate.support.JarProcess;
import io.txgate.support.LineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when the jar starts: the config file of the working directory read and named, our own lines
 * (config files, profiles, migrations, ready), and not the frameworks' INFO chatter, which one setting brings back.
 */
class StartupLogsIT {

    /** Level and logger of a console line: {@code <time> INFO 123 --- [txgate] [main] o.s.b.Foo : message}. */
    private static final Pattern LEVEL_AND_LOGGER =
            Pattern.compile("^\\S+\\s+([A-Z]+) \\d+ --- \\[[^]]*] \\[[^]]*] (\\S+)\\s*: ");

    @TempDir
    Path workDir;

    @Test
    void serverWhenStartedShouldReadTheWorkingDirectoryFileAndLogOnlyOurLines() throws IOException {
        int tcpPort = FreePort.find();
        Path settings = workDir.resolve("application.yml");
        Files.writeString(settings, "txgate:\n  server:\n    port: " + tcpPort + "\n");

        try (JarProcess jar = JarProcess.start(
                workDir, "--spring.profiles.active=server", "--server.port=0", "--management.server.port=0")) {
            jar.awaitOutput("txgate ready", Duration.ofSeconds(120));
            try (LineClient client = LineClient.connect(tcpPort)) {
                assertThat(client.exchange("{}"))
                        .as("the port set in ./application.yml")
                        .contains("REJECTED");
            }

            List<String> start = jar.output()
                    .lines()
                    .takeWhile(line -> !line.contains("txgate ready"))
                    .toList();
            assertThat(start.get(0)).contains("config files read: " + settings.toRealPath());
            assertThat(start).as("lines before the ready line").hasSizeLessThanOrEqualTo(12);
            assertThat(start).filteredOn(StartupLogsIT::isFrameworkInfo).isEmpty();
            assertThat(start).anyMatch(line -> line.contains("DbMigrate") && line.contains("Migrating schema"));
            assertThat(start).anyMatch(line -> line.contains("The following 1 profile is active: \"server\""));
        }
    }

    @Test
    void frameworkInfoWhenTurnedOnByItsOneSettingShouldComeBack() {
        try (JarProcess jar = JarProcess.start(
                workDir,
                "--spring.profiles.active=server",
                "--server.port=0",
                "--management.server.port=0",
                "--txgate.server.port=0",
                "--logging.level.org.springframework=info")) {
            jar.awaitOutput("txgate ready", Duration.ofSeconds(120));

            assertThat(jar.output()).contains("Tomcat started on port").doesNotContain("HHH");
        }
    }

    private static boolean isFrameworkInfo(String line) {
        Matcher parts = LEVEL_AND_LOGGER.matcher(line);
        return parts.find()
                && parts.group(1).equals("INFO")
                && !parts.group(2).startsWith("io.txgate.")
                && !parts.group(2).endsWith("DbMigrate");
    }
}
