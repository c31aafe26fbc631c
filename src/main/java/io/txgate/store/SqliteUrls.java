package io.txgate.store;

import java.nio.file.Path;

/** What a SQLite JDBC URL says about the file behind it. */
public final class SqliteUrls {

    private static final String PREFIX = "jdbc:sqlite:";

    private SqliteUrls() {}

    /** The database file of a file-based SQLite URL, or null for other databases and in-memory ones. */
    public static Path file(String url) {
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
