package io.txgate.store;

import com.zaxxer.hikari.HikariDataSource;
import io.txgate.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Creates the folder of the SQLite file before the first connection: the driver creates a missing database file, but
 * not a missing folder, and "data/txgate.db" should work on a fresh checkout. Folder and file are created private to
 * this user ({@link PrivateFiles}): they hold payment data.
 *
 * <p>It also checks that the file can be used, so that a wrong path stops the start with a message naming the
 * setting, rather than with a driver error deep in the database migration.
 */
class SqliteFolderCreator implements BeanPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            Path file = SqliteUrls.file(dataSource.getJdbcUrl());
            if (file != null) {
                checkUsable(file.toAbsolutePath(), settingOf(file));
            }
        }
        return bean;
    }

    /** The setting the user would change: our own path, unless the datasource URL was set to another file. */
    private String settingOf(Path file) {
        String storePath = environment == null ? null : environment.getProperty("txgate.store.path");
        return storePath != null && Path.of(storePath).equals(file) ? "txgate.store.path" : "spring.datasource.url";
    }

    private static void checkUsable(Path file, String setting) {
        Path folder = file.getParent();
        if (folder != null) {
            try {
                PrivateFiles.createFolder(folder);
            } catch (IOException e) {
                throw new InvalidConfigurationPropertyValueException(
                        setting, file, "cannot create the folder " + folder + " of the SQLite database: " + e);
            }
            // SQLite in WAL mode creates the -wal and -shm files next to the database.
            if (!Files.isWritable(folder)) {
                throw new InvalidConfigurationPropertyValueException(
                        setting, file, "the folder " + folder + " of the SQLite database is not writable");
            }
        }
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigurationPropertyValueException(
                        setting, file, "exists but is not a regular file (a folder?); name the database file itself");
            }
            if (!Files.isReadable(file) || !Files.isWritable(file)) {
                throw new InvalidConfigurationPropertyValueException(
                        setting, file, "the SQLite database file is not readable and writable by this user");
            }
        }
        try {
            // SQLite would create the file as 0644; an empty file made here as 0600 is a new database to it, and its
            // -wal and -shm files take the same mode.
            PrivateFiles.createFile(file);
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(
                    setting, file, "cannot create the SQLite database file: " + e);
        }
    }
}
