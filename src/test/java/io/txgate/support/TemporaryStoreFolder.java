package io.txgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A SQLite store of its own for each test application context, in a temporary folder that lives as long as the
 * context: made when the context starts, deleted after it closed. Unlike a test class's {@code @TempDir} it does not
 * end with the class, so the context can be cached and shared by every test class with the same configuration.
 */
public class TemporaryStoreFolder implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY = "txgate.store.path";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path folder;
        try {
            folder = Files.createTempDirectory("txgate-test-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "temporaryStoreFolder",
                        Map.of(PROPERTY, folder.resolve("txgate.db").toString())));
        // Registered before any bean, so destroyed after all of them: the store's connections are closed by then.
        ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("temporaryStoreFolder", new Deletion(folder));
    }

    private record Deletion(Path folder) implements DisposableBean {

        @Override
        public void destroy() throws IOException {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
