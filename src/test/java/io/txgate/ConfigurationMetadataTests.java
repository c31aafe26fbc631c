package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration processor turns the settings records' Javadoc into IDE metadata; a setting added without a
 * description would show up blank in completion and in docs/operations.md.
 */
class ConfigurationMetadataTests {

    @Test
    void metadataWhenBuiltShouldDescribeEveryTxgateSetting() throws IOException {
        List<JsonNode> settings = new ArrayList<>();
        for (URL url : Collections.list(
                getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonMapper.builder().build().readTree(in).path("properties").forEach(property -> {
                    if (property.path("name").asString().startsWith("txgate.")) {
                        settings.add(property);
                    }
                });
            }
        }

        assertThat(settings)
                .extracting(property -> property.path("name").asString())
                .contains("txgate.server.port", "txgate.server.shutdown-grace", "txgate.store.probe-interval");
        assertThat(settings)
                .allSatisfy(property -> assertThat(property.path("description").asString())
                        .as(property.path("name").asString())
                        .isNotBlank());
        assertThat(settings)
                .filteredOn(property -> property.path("name").asString().equals("txgate.server.shutdown-grace"))
                .singleElement()
                .satisfies(property ->
                        assertThat(property.path("defaultValue").asString()).isEqualTo("10s"));
    }
}
