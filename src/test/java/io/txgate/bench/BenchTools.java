package io.txgate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers for the command-line tools of the benchmark (plain mains, no Spring). */
final class BenchTools {

    private BenchTools() {}

    /** {@code --name=value} arguments; a bare {@code --name} means "true". */
    static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            if (equals < 0) {
                options.put(arg.substring(2), "true");
            } else {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }

    /** The PostgreSQL login of a tool: {@code --user} (default {@code postgres}) and {@code --password} (default none). */
    record Login(String user, String password) {

        static Login of(Map<String, String> options) {
            return new Login(options.getOrDefault("user", "postgres"), options.getOrDefault("password", ""));
        }

        Connection connect(String url) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /**
     * Outside Spring Boot, Logback starts at DEBUG and would bury the result under driver and Flyway chatter. The
     * cast is guarded: with another SLF4J backend the tool still runs, only louder.
     */
    static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
