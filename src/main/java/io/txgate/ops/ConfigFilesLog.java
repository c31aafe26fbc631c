package io.txgate.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Logs, as the first line of ours, which config files the settings were read from: a file in the wrong place (next to
 * the jar rather than in the working directory) was once silently ignored, and TLS stayed off.
 *
 * <p>Spring Boot names each loaded file's property source {@code Config resource '<resource>' via location ...}; the
 * resource is read from that name. Files outside the jar come first, with absolute paths; when there are none the line
 * says where they would have been looked for. A file whose lines are all comments holds no settings and adds no
 * property source; one in the working directory is listed as having no active settings. Registered in {@code META-INF/spring.factories}: it must run before any bean exists, so
 * that the line is there even when a setting from one of these files stops the start.
 */
class ConfigFilesLog implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ConfigFilesLog.class);

    private static final Pattern CONFIG_RESOURCE = Pattern.compile("^Config resource '(.*)' via location '.*'");
    private static final Pattern FILE = Pattern.compile("^file \\[(.*)]$");
    private static final Pattern CLASS_PATH = Pattern.compile("^class path resource \\[(.*)]$");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        log.info(describe(event.getEnvironment(), Path.of("").toAbsolutePath()));
    }

    static String describe(ConfigurableEnvironment environment, Path workingDirectory) {
        Set<String> outside = new LinkedHashSet<>();
        Set<String> bundled = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            Matcher resource = CONFIG_RESOURCE.matcher(source.getName());
            if (!resource.find()) {
                continue;
            }
            String name = resource.group(1);
            Matcher file = FILE.matcher(name);
            Matcher classPath = CLASS_PATH.matcher(name);
            if (file.matches()) {
                outside.add(workingDirectory.resolve(file.group(1)).normalize().toString());
            } else if (classPath.matches()) {
                bundled.add(classPath.group(1));
            } else {
                outside.add(name);
            }
        }
        if (!environment.containsProperty("spring.config.location")) {
            // Such a file is read but yields no property source; saying nothing would look as if it was missed.
            for (Path candidate : defaultLocations(workingDirectory)) {
                if (Files.isRegularFile(candidate) && !outside.contains(candidate.toString())) {
                    outside.add(candidate + " (no active settings)");
                }
            }
        }
        String files = outside.isEmpty()
                ? "none outside the jar (looked for application.yml/.properties in " + workingDirectory + " and "
                        + workingDirectory.resolve("config") + ")"
                : String.join(", ", outside);
        return "config files read: " + files + "; bundled: "
                + (bundled.isEmpty() ? "none" : String.join(", ", bundled));
    }

    /** Where Spring Boot looks for application.* outside the jar unless told otherwise. */
    private static List<Path> defaultLocations(Path workingDirectory) {
        var files = new ArrayList<Path>();
        for (Path folder : List.of(workingDirectory, workingDirectory.resolve("config"))) {
            for (String extension : List.of("properties", "yml", "yaml")) {
                files.add(folder.resolve("application." + extension).normalize());
            }
        }
        return files;
    }
}
