package io.txgate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL the tests use: {@code TXGATE_TEST_POSTGRES_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}), {@code TXGATE_TEST_POSTGRES_USER} (default postgres) and {@code
 * TXGATE_TEST_POSTGRES_PASS}. Each test class works in a schema of its own, so runs never see each other's rows.
 */
public final class TestPostgres {

    public static final String URL = env("TXGATE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("TXGATE_TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = env("TXGATE_TEST_POSTGRES_PASS", "");

    private static volatile String unreachable;
    private static volatile boolean checked;

    private TestPostgres() {}

    /** True when {@code TXGATE_REQUIRE_POSTGRES=true}: then a missing PostgreSQL fails the tests instead of skipping. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("TXGATE_REQUIRE_POSTGRES"));
    }

    /** Why no connection could be made, or null when PostgreSQL answers. Tried once per test run. */
    static synchronized String unreachableReason() {
        if (!checked) {
            DriverManager.setLoginTimeout(3);
            try (Connection connection = connect()) {
                connection.isValid(3);
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
            checked = true;
        }
        return unreachable;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** Creates an empty schema with a unique name and returns the name. */
    public static String createSchema(String purpose) {
        String schema = ("txgate_test_" + purpose + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    public static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The JDBC URL whose connections work in {@code schema}. */
    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String sql) {
        try (Connection connection = connect();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " refused: " + sql, e);
        }
    }

    private static String env(String name, String absent) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? absent : value;
    }
}
