package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

/** The first line of a start names the config files the settings came from, so a file in the wrong place shows. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigFilesLogTests {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    @Test
    void startWhenAFileIsReadShouldLogItsAbsolutePathAndTheBundledFiles(CapturedOutput output) throws IOException {
        Path settings = dir.resolve("application.properties");
        Files.writeString(settings, "txgate.server.port=9471\n");

        try (var context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                .run("--spring.config.additional-location=file:" + dir + "/")) {
            assertThat(context.getEnvironment().getProperty("txgate.server.port"))
                    .isEqualTo("9471");
        }

        String line = output.getAll()
                .lines()
                .filter(l -> l.contains("config files read:"))
                .findFirst()
                .orElseThrow();
        assertThat(line).contains("INFO").contains(settings.toString()).contains("bundled: application.yml");
    }

    @Test
    void describeWhenNoFileOutsideTheJarShouldSayWhereItLooked() {
        String line = ConfigFilesLog.describe(new StandardEnvironment(), dir);

        assertThat(line)
                .isEqualTo("config files read: none outside the jar (looked for application.yml/.properties in " + dir
                        + " and " + dir.resolve("config") + "); bundled: none");
    }

    @Test
    void describeWhenAFileHoldsOnlyCommentsShouldListItAsHavingNoActiveSettings() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/application.yml"), "# txgate:\n#   server:\n#     port: 9400\n");

        assertThat(ConfigFilesLog.describe(new StandardEnvironment(), dir))
                .startsWith("config files read: " + dir.resolve("config/application.yml") + " (no active settings);");
    }
}
