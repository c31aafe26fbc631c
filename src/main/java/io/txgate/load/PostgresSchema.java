package io.txgate.load;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates or drops the PostgreSQL schema one benchmark run works in, so that every run starts empty and leaves
 * nothing behind: {@code --url=jdbc:postgresql://host/db [--user=postgres] [--password=] --create=NAME | --drop=NAME}.
 */
public final class PostgresSchema {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PostgresSchema() {}

    public static void main(String[] args) throws SQLException {
        BenchTools.quietLogging();
        Map<String, String> options = BenchTools.options(args);
        String url = BenchTools.required(options, "url");
        String user = options.getOrDefault("user", "postgres");
        String password = options.getOrDefault("password", "");
        if (options.containsKey("create")) {
            execute(url, user, password, "CREATE SCHEMA " + checked(options.get("create")));
        } else {
            execute(
                    url,
                    user,
                    password,
                    "DROP SCHEMA IF EXISTS " + checked(BenchTools.required(options, "drop")) + " CASCADE");
        }
    }

    /** Schema names go into SQL text (DDL takes no parameters), so only plain lower-case identifiers pass. */
    static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schema name must match " + NAME + ", was '" + name + "'");
        }
        return name;
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url, user, password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
