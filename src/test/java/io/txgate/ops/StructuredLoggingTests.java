package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one setting the operations guide documents for JSON logs really switches the console to ECS JSON lines.
 *
 * <p>It runs in a child JVM: Boot keeps the structured format in a system property once set, which would turn the
 * logs of every later test in this JVM into JSON.
 */
class StructuredLoggingTests {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    /** The child JVM: starts Boot with the documented setting and logs one line. */
    public static void main(String[] args) {
        try (var context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                .properties("logging.structured.format.console=ecs", "spring.application.name=txgate")
                .run()) {
            LoggerFactory.getLogger(StructuredLoggingTests.class).info("structured hello");
        }
    }

    @Test
    void consoleWhenStructuredFormatIsEcsShouldWriteJsonLines() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), StructuredLoggingTests.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        String line = output.lines()
                .filter(l -> l.contains("structured hello"))
                .findFirst()
                .orElseThrow();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.path("message").asString()).isEqualTo("structured hello");
        assertThat(json.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(json.path("service").path("name").asString()).isEqualTo("txgate");
        assertThat(json.has("@timestamp")).isTrue();
    }
}
