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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The raw limit of the store: how fast plain JDBC inserts the benchmark's rows into SQLite or PostgreSQL, with no
 * Spring, no JPA and no network protocol of ours in the way. The server's throughput is judged against this figure.
 *
 * <p>Same schema (the server's Flyway migrations for that database, run by Flyway), same durability (SQLite: WAL,
 * {@code synchronous=FULL}, foreign keys on; PostgreSQL: the server's settings, reported as they are), same rows
 * ({@link SampleBatches}) with one {@code batches} header row per {@code batch-size} transactions; 1,000 transactions
 * per database transaction, inserted as prepared statement batches.
 *
 * <p>Run from the built jar: {@code java -cp target/txgate.jar -Dloader.main=io.txgate.load.RawLimit
 * org.springframework.boot.loader.launch.PropertiesLauncher --db=/tmp/raw.db [--rows=200000] [--batch-size=100]
 * [--rows-per-commit=1000] [--out=raw.json]}; for PostgreSQL {@code --url=jdbc:postgresql://host/db?currentSchema=s
 * [--user=postgres] [--password=]} instead of {@code --db}, into an empty schema.
 */
public final class RawLimit {

    private static final Logger log = LoggerFactory.getLogger(RawLimit.class);

    /** Where the server's datasource URL is configured; the raw limit takes its options from there. */
    static final String SERVER_CONFIG = "application.yml";

    /** The raw limit's statements: every column the server writes, one row per execution. */
    public static final String INSERT_BATCH =
            "insert into batches (batch_id, content_hash, tx_count, received_at, client_id) values (?, ?, ?, ?, ?)";

    public static final String INSERT_TRANSACTION = "insert into transactions (batch_id, seq, tx_id, account, amount,"
            + " currency, occurred_at, description) values (?, ?, ?, ?, ?, ?, ?, ?)";

    /** The PostgreSQL driver option the server sets too (application-postgres.yml). */
    static final String POSTGRES_REWRITE_BATCHES = "reWriteBatchedInserts";

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
     * @param database {@code sqlite} or {@code postgresql}
     * @param cpuMicrosPerRow CPU time of the inserting thread per row (SQLite's work included, PostgreSQL's not: it
     *     runs in the database server's processes)
     * @param urlOptions the JDBC URL options used: for SQLite the server's unless overridden
     * @param durability the durability settings as the database reported them on the measuring connection
     */
    public record Result(
            String database,
            Plan plan,
            long commits,
            double seconds,
            double rowsPerSecond,
            double cpuMicrosPerRow,
            String urlOptions,
            String durability) {

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
        var plan = new Plan(
                Long.parseLong(options.getOrDefault("rows", "200000")),
                Long.parseLong(options.getOrDefault("warmup-rows", "0")),
                Integer.parseInt(options.getOrDefault("batch-size", "100")),
                Integer.parseInt(options.getOrDefault("rows-per-commit", "1000")),
                Integer.parseInt(options.getOrDefault("accounts", String.valueOf(SampleBatches.DEFAULT_ACCOUNTS))));
        Result result = options.containsKey("url")
                ? measurePostgres(options.get("url"), BenchTools.Login.of(options), plan)
                : measure(
                        Path.of(BenchTools.required(options, "db")),
                        plan,
                        options.getOrDefault("url-options", serverUrlOptions()));
        log.info(
                "raw limit ({}): {} rows in {} s = {} rows/s, {} us CPU per row ({}; {})",
                result.database(),
                plan.rows(),
                String.format("%.2f", result.seconds()),
                Math.round(result.rowsPerSecond()),
                String.format("%.1f", result.cpuMicrosPerRow()),
                plan,
                result.durability());
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
        migrate(url, null, null, "sqlite");
        try (Connection connection = DriverManager.getConnection(url)) {
            String durability = "journal_mode=" + setting(connection, "pragma journal_mode") + ", synchronous="
                    + setting(connection, "pragma synchronous");
            return measure(connection, plan, "sqlite", urlOptions, durability, SQLITE_INSTANT);
        }
    }

    /**
     * Measures the inserts into PostgreSQL at {@code url}, whose current schema must be empty (or hold a previous run's
     * tables, which it then adds to). The JDBC options are the server's ({@code application-postgres.yml}): batched
     * inserts rewritten into multi-row statements.
     */
    static Result measurePostgres(String url, BenchTools.Login login, Plan plan) throws SQLException {
        migrate(url, login.user(), login.password(), "postgresql");
        var properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty(POSTGRES_REWRITE_BATCHES, "true");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            String durability = "PostgreSQL " + setting(connection, "show server_version") + ", fsync="
                    + setting(connection, "show fsync") + ", synchronous_commit="
                    + setting(connection, "show synchronous_commit") + ", wal_sync_method="
                    + setting(connection, "show wal_sync_method");
            return measure(
                    connection, plan, "postgresql", POSTGRES_REWRITE_BATCHES + "=true", durability, POSTGRES_INSTANT);
        }
    }

    private static void migrate(String url, String user, String password, String vendor) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/" + vendor)
                .load()
                .migrate();
    }

    private static Result measure(
            Connection connection,
            Plan plan,
            String database,
            String urlOptions,
            String durability,
            InstantBinder instants)
            throws SQLException {
        connection.setAutoCommit(false);
        var inserter = new Inserter(connection, plan, instants);
        inserter.insert(0, plan.warmupRows());
        var cpu = ManagementFactory.getThreadMXBean();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long commits = inserter.insert(plan.warmupRows(), plan.rows());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicrosPerRow = (cpu.getCurrentThreadCpuTime() - cpu0) / 1000.0 / plan.rows();
        return new Result(
                database, plan, commits, seconds, plan.rows() / seconds, cpuMicrosPerRow, urlOptions, durability);
    }

    /** Binds an instant the way the server stores it in that database (InstantColumns). */
    @FunctionalInterface
    private interface InstantBinder {
        void bind(PreparedStatement statement, int index, Instant instant) throws SQLException;
    }

    private static final InstantBinder SQLITE_INSTANT =
            (statement, index, instant) -> statement.setString(index, INSTANT_TEXT.format(instant));

    private static final InstantBinder POSTGRES_INSTANT = (statement, index, instant) -> statement.setObject(
            index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));

    /** Inserts rows with two prepared statements, one batch each per commit. */
    private static final class Inserter {

        private final Connection connection;
        private final Plan plan;
        private final InstantBinder instants;
        private final MessageDigest hash = sha256();
        private final HexFormat hex = HexFormat.of();

        Inserter(Connection connection, Plan plan, InstantBinder instants) {
            this.connection = connection;
            this.plan = plan;
            this.instants = instants;
        }

        /** Inserts rows number {@code from} to {@code from + count - 1}; returns the number of commits. */
        long insert(long from, long count) throws SQLException {
            long commits = 0;
            try (PreparedStatement headers = connection.prepareStatement(INSERT_BATCH);
                    PreparedStatement transactions = connection.prepareStatement(INSERT_TRANSACTION)) {
                long end = from + count;
                for (long done = from; done < end; ) {
                    long commitEnd = Math.min(done + plan.rowsPerCommit(), end);
                    Instant receivedAt = Instant.now();
                    for (long firstRow = done; firstRow < commitEnd; firstRow += plan.batchSize()) {
                        int size = (int) Math.min(plan.batchSize(), commitEnd - firstRow);
                        String batchId = "raw-" + firstRow / plan.batchSize();
                        headers.setString(1, batchId);
                        headers.setString(2, hex.formatHex(hash.digest(batchId.getBytes(StandardCharsets.UTF_8))));
                        headers.setInt(3, size);
                        instants.bind(headers, 4, receivedAt);
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
                            instants.bind(transactions, 7, row.timestamp());
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

    /** The one value a {@code pragma} or {@code show} statement returns. */
    private static String setting(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
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
