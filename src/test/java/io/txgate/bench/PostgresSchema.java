package io.txgate.bench;

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
        String sql = options.containsKey("create")
                ? "CREATE SCHEMA " + checked(options.get("create"))
                : "DROP SCHEMA IF EXISTS " + checked(BenchTools.required(options, "drop")) + " CASCADE";
        try (var connection = BenchTools.Login.of(options).connect(BenchTools.required(options, "url"));
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Schema names go into SQL text (DDL takes no parameters), so only plain lower-case identifiers pass. */
    static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schema name must match " + NAME + ", was '" + name + "'");
        }
        return name;
    }
}
