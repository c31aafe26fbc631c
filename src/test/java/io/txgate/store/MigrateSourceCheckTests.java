package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.TxgateApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.env.MockEnvironment;

/** The copy command checks its SQLite file before it connects to anything, and names the setting when it is wrong. */
class MigrateSourceCheckTests {

    @TempDir
    Path dir;

    @Test
    void copyWhenSqliteFileIsMissingShouldStopBeforeConnectingToPostgresNamingTheSetting() {
        Path missing = dir.resolve("missing.db");

        // Nothing listens on port 1: a connection attempt would fail differently, and slowly.
        assertThatThrownBy(() -> new SpringApplicationBuilder(TxgateApplication.class)
                        .profiles("postgres", "migrate-sqlite")
                        .run(
                                "--txgate.migrate.from=" + missing,
                                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                                "--spring.datasource.hikari.initialization-fail-timeout=1"))
                .extracting(NestedExceptionUtils::getMostSpecificCause)
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, invalid -> {
                    assertThat(invalid.getName()).isEqualTo("txgate.migrate.from");
                    assertThat(invalid.getReason()).isEqualTo("no SQLite database file at " + missing);
                });
    }

    @Test
    void checkWhenFromIsMissingOrAFolderShouldNameTheSetting() {
        assertThatThrownBy(() -> MigrateSourceCheck.check(environment(null)))
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        invalid -> assertThat(invalid.getReason())
                                .startsWith("required: the SQLite database file to copy from"));
        assertThatThrownBy(() -> MigrateSourceCheck.check(environment(dir.toString())))
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        invalid -> assertThat(invalid.getReason())
                                .isEqualTo("no SQLite database file at " + dir + " (it is a folder)"));
    }

    @Test
    void checkWhenPostgresProfileIsMissingShouldSaySo() throws IOException {
        Path file = Files.createFile(dir.resolve("old.db"));
        MockEnvironment environment = environment(file.toString());
        environment.setActiveProfiles("migrate-sqlite");

        assertThatThrownBy(() -> MigrateSourceCheck.check(environment))
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, invalid -> {
                    assertThat(invalid.getName()).isEqualTo("spring.profiles.active");
                    assertThat(invalid.getReason()).contains("activate the postgres profile too");
                });

        environment.setActiveProfiles("postgres", "migrate-sqlite");
        assertThatCode(() -> MigrateSourceCheck.check(environment)).doesNotThrowAnyException();
    }

    private static MockEnvironment environment(String from) {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("postgres", "migrate-sqlite");
        if (from != null) {
            environment.setProperty("txgate.migrate.from", from);
        }
        return environment;
    }
}
