package io.txgate.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds SQLite's write lock on a database for a while, so that a server's commits wait: {@code bench/threads.sh} uses
 * it to have every connection of a run waiting for a commit at the same moment. Plain JDBC, no Spring.
 *
 * <p>{@code java -cp txgate.jar -Dloader.main=io.txgate.bench.HoldWriteLock
 * org.springframework.boot.loader.launch.PropertiesLauncher --db=data/txgate.db --seconds=8}
 */
public final class HoldWriteLock {

    private static final Logger log = LoggerFactory.getLogger(HoldWriteLock.class);

    private HoldWriteLock() {}

    public static void main(String[] args) throws Exception {
        BenchTools.quietLogging();
        Map<String, String> options = BenchTools.options(args);
        Path db = Path.of(BenchTools.required(options, "db"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "8"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("begin immediate");
            log.info("holding the write lock of {} for {} s", db, seconds);
            // A measuring tool's pause, not a wait for a condition: the lock is the point.
            Thread.sleep(seconds * 1000);
            statement.execute("rollback");
            log.info("released the write lock of {}", db);
        }
    }
}
