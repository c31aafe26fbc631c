package io.txgate.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw limit of the store: how fast plain JDBC inserts the benchmark's rows into SQLite, with no Spring, no JPA and
 * no network in the way. The server's throughput is judged against this figure.
 *
 * <p>Same schema (the server's Flyway migrations, run by Flyway), same durability (WAL, {@code synchronous=FULL}, foreign
 * keys on), same rows ({@link SampleBatches}) with one {@code batches} header row per {@code batch-size} transactions;
 * 1,000 transactions per database transaction, inserted as prepared statement batches.
 *
 * <p>Run from the built jar: {@code java -cp target/txgate.jar -Dloader.main=io.txgate.load.RawLimit
 * org.springframework.boot.loader.launch.PropertiesLauncher --db=/tmp/raw.db [--rows=200000] [--batch-size=100]
 * [--rows-per-commit=1000] [--out=raw.json]}.
 */
public final class RawLimit {

    private static final Logger log = LoggerFactory.getLogger(RawLimit.class);

    /** Where the server's datasource URL is configured; the raw limit takes its options from there. */
    static final String SERVER_CONFIG = "application.yml";

    // The server's SQLite instant format (InstantColumns.SqliteText): fixed-width UTC text with nanoseconds.
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private RawLimit() {}

    /**
     * What to insert.
     *
     * @param rows transactions inserted while the clock runs
     * @param warmupRows transactions inserted before the clock starts: the server's warm-up rows, so both measure
     *     inserts into a database of the same size (SQLite slows down as the account index grows)
     * @param batchSize transactions per batch, that is per {@code batches} header row
     * @param rowsPerCommit transactions per database transaction, a multiple of {@code batchSize}
     * @param accounts accounts the rows are spread over, as in {@link SampleBatches#row}
     */
    public record Plan(long rows, long warmupRows, int batchSize, int rowsPerCommit, int accounts) {

        public Plan {
            if (rows < 1 || warmupRows < 0 || batchSize < 1 || accounts < 1) {
                throw new IllegalArgumentException("rows, batch-size and accounts must be positive");
            }
            if (rowsPerCommit < batchSize || rowsPerCommit % batchSize != 0) {
                throw new IllegalArgumentException(
                        "rows-per-commit must be a multiple of batch-size, got " + rowsPerCommit + " and " + batchSize);
            }
        }
    }

    /**
     * One measurement.
     *
     * @param cpuMicrosPerRow CPU time of the inserting thread (SQLite included) per row
     * @param urlOptions the SQLite URL options used, the server's unless overridden
     * @param journalMode and {@code synchronous} as SQLite reported them on the measuring connection
     */
    public record Result(
            Plan plan,
            long commits,
            double seconds,
            double rowsPerSecond,
            double cpuMicrosPerRow,
            String urlOptions,
            String journalMode,
            String synchronous) {

        public String toJson() {
            return JsonMapper.shared().writeValueAsString(this);
        }

        public static Result fromJson(String json) {
            return JsonMapper.shared().readValue(json, Result.class);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchTools.quietLogging();
        Map<String, String> options = BenchTools.options(args);
        Path db = Path.of(BenchTools.required(options, "db"));
        var plan = new Plan(
                Long.parseLong(options.getOrDefault("rows", "200000")),
                Long.parseLong(options.getOrDefault("warmup-rows", "0")),
                Integer.parseInt(options.getOrDefault("batch-size", "100")),
                Integer.parseInt(options.getOrDefault("rows-per-commit", "1000")),
                Integer.parseInt(options.getOrDefault("accounts", String.valueOf(SampleBatches.DEFAULT_ACCOUNTS))));
        Result result = measure(db, plan, options.getOrDefault("url-options", serverUrlOptions()));
        log.info(
                "raw limit: {} rows in {} s = {} rows/s, {} us CPU per row ({}; journal_mode={}, synchronous={})",
                plan.rows(),
                String.format("%.2f", result.seconds()),
                Math.round(result.rowsPerSecond()),
                String.format("%.1f", result.cpuMicrosPerRow()),
                plan,
                result.journalMode(),
                result.synchronous());
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), result.toJson() + "\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * The options ({@code ?journal_mode=WAL&...}) of the server's SQLite URL in application.yml, so that the raw limit
     * always runs with the server's durability and cache settings, whatever they become.
     */
    static String serverUrlOptions() throws IOException {
        try (var in = RawLimit.class.getClassLoader().getResourceAsStream(SERVER_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(SERVER_CONFIG + " is not on the class path");
            }
            var url = Pattern.compile("url:\\s*jdbc:sqlite:\\$\\{[^}]*}(\\?\\S*)")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!url.find()) {
                throw new IllegalStateException("no 'url: jdbc:sqlite:${...}?options' line in " + SERVER_CONFIG);
            }
            return url.group(1);
        }
    }

    /** Creates a fresh database at {@code db} and measures the inserts; the file is left for inspection. */
    public static Result measure(Path db, Plan plan, String urlOptions) throws SQLException, IOException {
        Files.deleteIfExists(db);
        Files.createDirectories(db.toAbsolutePath().getParent());
        String url = "jdbc:sqlite:" + db.toAbsolutePath() + urlOptions;
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            String journalMode = pragma(connection, "journal_mode");
            String synchronous = pragma(connection, "synchronous");
            var inserter = new Inserter(connection, plan);
            inserter.insert(0, plan.warmupRows());
            var cpu = ManagementFactory.getThreadMXBean();
            long cpu0 = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long commits = inserter.insert(plan.warmupRows(), plan.rows());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicrosPerRow = (cpu.getCurrentThreadCpuTime() - cpu0) / 1000.0 / plan.rows();
            return new Result(
                    plan,
                    commits,
                    seconds,
                    plan.rows() / seconds,
                    cpuMicrosPerRow,
                    urlOptions,
                    journalMode,
                    synchronous);
        }
    }

    /** Inserts rows with two prepared statements, one batch each per commit. */
    private static final class Inserter {

        private final Connection connection;
        private final Plan plan;
        private final MessageDigest hash = sha256();
        private final HexFormat hex = HexFormat.of();

        Inserter(Connection connection, Plan plan) {
            this.connection = connection;
            this.plan = plan;
        }

        /** Inserts rows number {@code from} to {@code from + count - 1}; returns the number of commits. */
        long insert(long from, long count) throws SQLException {
            long commits = 0;
            try (PreparedStatement headers = connection.prepareStatement(
                            "insert into batches (batch_id, content_hash, tx_count, received_at, client_id)"
                                    + " values (?, ?, ?, ?, ?)");
                    PreparedStatement transactions = connection.prepareStatement(
                            "insert into transactions (batch_id, seq, tx_id, account, amount, currency,"
                                    + " occurred_at, description) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                long end = from + count;
                for (long done = from; done < end; ) {
                    long commitEnd = Math.min(done + plan.rowsPerCommit(), end);
                    String receivedAt = INSTANT_TEXT.format(Instant.now());
                    for (long firstRow = done; firstRow < commitEnd; firstRow += plan.batchSize()) {
                        int size = (int) Math.min(plan.batchSize(), commitEnd - firstRow);
                        String batchId = "raw-" + firstRow / plan.batchSize();
                        headers.setString(1, batchId);
                        headers.setString(2, hex.formatHex(hash.digest(batchId.getBytes(StandardCharsets.UTF_8))));
                        headers.setInt(3, size);
                        headers.setString(4, receivedAt);
                        headers.setString(5, null);
                        headers.addBatch();
                        for (int seq = 0; seq < size; seq++) {
                            SampleBatches.Row row = SampleBatches.row(firstRow, seq, plan.accounts());
                            transactions.setString(1, batchId);
                            transactions.setInt(2, seq);
                            transactions.setString(3, row.txId());
                            transactions.setString(4, row.account());
                            transactions.setBigDecimal(5, row.amount());
                            transactions.setString(6, row.currency());
                            transactions.setString(7, INSTANT_TEXT.format(row.timestamp()));
                            transactions.setString(8, row.description());
                            transactions.addBatch();
                        }
                    }
                    // Headers first: the transactions' foreign key points at them.
                    headers.executeBatch();
                    transactions.executeBatch();
                    connection.commit();
                    commits++;
                    done = commitEnd;
                }
            }
            return commits;
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("pragma " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
