package io.txgate.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Creates the folder of the SQLite file before the first connection: the driver creates a missing database file, but
 * not a missing folder, and "data/txgate.db" should work on a fresh checkout.
 */
class SqliteFolderCreator implements BeanPostProcessor {

    private static final String PREFIX = "jdbc:sqlite:";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            Path file = sqliteFile(dataSource.getJdbcUrl());
            if (file != null && file.toAbsolutePath().getParent() != null) {
                try {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot create the folder of the SQLite database " + file.toAbsolutePath(), e);
                }
            }
        }
        return bean;
    }

    /** The database file of a file-based SQLite URL, or null for other databases and in-memory ones. */
    static Path sqliteFile(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return null;
        }
        String location = url.substring(PREFIX.length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.isEmpty() || location.startsWith(":memory:")) {
            return null;
        }
        return Path.of(location);
    }
}
