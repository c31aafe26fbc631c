package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The top-level {@code application.yml} is the operator's file: Spring Boot reads it from the working directory, which
 * is the repository root for {@code spring-boot:run} and for these tests. It must change nothing while it ships (every
 * line commented out), and it must list every {@code txgate.*} setting with its real default.
 */
class OperatorSettingsFileTests {

    private static final Path FILE = Path.of("application.yml");

    /** A commented-out YAML key line: {@code #   port: 9400   # meaning}. */
    private static final Pattern COMMENTED_KEY =
            Pattern.compile("^# ?( *)([a-z][a-zA-Z0-9.-]*):(?: +([^#]*?))?(?: +#.*)?$");

    @Test
    void operatorFileWhenShippedShouldHoldNoActiveSetting() throws IOException {
        Object parsed = new Yaml().load(Files.readString(FILE));

        assertThat(parsed).as("active settings in ./application.yml").isNull();
    }

    @Test
    void operatorFileShouldListEveryTxgateSettingWithItsDefault() throws IOException {
        Map<String, String> documented = commentedSettings(Files.readAllLines(FILE));

        Map<String, JsonNode> settings = txgateSettings();
        assertThat(settings).isNotEmpty();
        settings.forEach((name, property) -> {
            assertThat(documented).as("%s in ./application.yml", name).containsKey(name);
            JsonNode defaultValue = property.path("defaultValue");
            String expected = defaultValue.isMissingNode() || defaultValue.isNull()
                    ? ""
                    : defaultValue.isArray() ? joined(defaultValue) : defaultValue.asString();
            assertThat(documented.get(name))
                    .as("default of %s in ./application.yml", name)
                    .isEqualTo(expected);
        });
    }

    /** A list default as the file writes it: its items, comma-separated. */
    private static String joined(JsonNode list) {
        var items = new java.util.ArrayList<String>();
        list.forEach(item -> items.add(item.asString()));
        return String.join(",", items);
    }

    /** Every commented-out key with a value or an empty one, by its full dotted name. */
    private static Map<String, String> commentedSettings(List<String> lines) {
        Map<String, String> settings = new LinkedHashMap<>();
        Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
        for (String line : lines) {
            Matcher key = COMMENTED_KEY.matcher(line);
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
                parents.pop();
            }
            var path = new StringBuilder();
            parents.descendingIterator()
                    .forEachRemaining(parent -> path.append(parent.getValue()).append('.'));
            path.append(key.group(2));
            // The first mention is the table of defaults; later ones are examples.
            settings.putIfAbsent(
                    path.toString(), key.group(3) == null ? "" : key.group(3).strip());
            parents.push(Map.entry(indent, key.group(2)));
        }
        return settings;
    }

    private Map<String, JsonNode> txgateSettings() throws IOException {
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        for (URL url : Collections.list(
                getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonMapper.builder().build().readTree(in).path("properties").forEach(property -> {
                    String name = property.path("name").asString();
                    if (name.startsWith("txgate.")) {
                        settings.put(name, property);
                    }
                });
            }
        }
        return settings;
    }
}
