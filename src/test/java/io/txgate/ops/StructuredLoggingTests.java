package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one setting the operations guide documents for JSON logs really switches the console to ECS JSON lines. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    @Test
    void consoleWhenStructuredFormatIsEcsShouldWriteJsonLines(CapturedOutput output) {
        try (var context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                .properties("logging.structured.format.console=ecs", "spring.application.name=txgate")
                .run()) {
            LoggerFactory.getLogger(StructuredLoggingTests.class).info("structured hello");
        }

        String line = output.getOut()
                .lines()
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
