package io.txgate.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Checks the copy command's input before anything connects: without it a missing SQLite file was found only after the
 * PostgreSQL pool had started and Flyway had migrated, and it ended in a stack trace. As a bean factory post-processor
 * it runs before any other bean is made; the failure names the setting, in Spring Boot's failure report.
 */
class MigrateSourceCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final String FROM = "txgate.migrate.from";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    static void check(Environment environment) {
        String from = environment.getProperty(FROM);
        if (from == null || from.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(
                    FROM, from, "required: the SQLite database file to copy from, e.g. --" + FROM + "=data/txgate.db");
        }
        Path file = Path.of(from).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationPropertyValueException(
                    FROM,
                    from,
                    "no SQLite database file at " + file + (Files.isDirectory(file) ? " (it is a folder)" : ""));
        }
        if (!Files.isReadable(file)) {
            throw new InvalidConfigurationPropertyValueException(FROM, from, file + " is not readable by this user");
        }
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            throw new InvalidConfigurationPropertyValueException(
                    "spring.profiles.active",
                    String.join(",", environment.getActiveProfiles()),
                    "migrate-sqlite copies into PostgreSQL: activate the postgres profile too"
                            + " (--spring.profiles.active=postgres,migrate-sqlite)");
        }
    }
}
