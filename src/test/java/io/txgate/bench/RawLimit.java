package io.txgate.bench;

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
import java.sql.Types;
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
 * {@code synchronous=FULL}; PostgreSQL: the server's settings, reported as they are), same statements as the server's
 * writer (positions taken the same way: SQLite numbers the rows, PostgreSQL's from {@code txgate_first_row()}), same
 * rows ({@link SampleBatches}) with one {@code batches} row per {@code batch-size} transactions; {@code
 * rows-per-commit} transactions per database transaction (the group size the workload can form at the server),
 * inserted as prepared statement batches. {@code --without-account-index} measures the bare minimum: the same rows
 * with the account index dropped, so nothing but the appends.
 *
 * <p>Run from the built jar: {@code java -cp target/txgate.jar -Dloader.main=io.txgate.bench.RawLimit
 * org.springframework.boot.loader.launch.PropertiesLauncher --db=/tmp/raw.db [--rows=200000] [--batch-size=100]
 * [--rows-per-commit=1000] [--without-account-index] [--out=raw.json]}; for PostgreSQL {@code
 * --url=jdbc:postgresql://host/db?currentSchema=s [--user=postgres] [--password=]} instead of {@code --db}, into an
 * empty schema.
 */
public final class RawLimit {

    private static final Logger log = LoggerFactory.getLogger(RawLimit.class);

    /** Where the server's datasource URL is configured; the raw limit takes its options from there. */
    static final String SERVER_CONFIG = "application.yml";

    /** The raw limit's statements: the server writer's (GroupCommit), every column, one row per execution. */
    public static final String INSERT_BATCH = "insert into batches (batch_no, batch_id, client_no, content_hash,"
            + " tx_count, received_micros, received_nanos) values (?, ?, ?, ?, ?, ?, ?)";

    public static final String INSERT_TRANSACTION = "insert into transactions (row_no, occurred_micros,"
            + " occurred_nanos, tx_id, account, amount, currency, description) values (?, ?, ?, ?, ?, ?, ?, ?)";

    /** The index the bare minimum goes without: the one behind the read API's account listing. */
    static final String ACCOUNT_INDEX = "transactions_by_account_time";

    /** The PostgreSQL driver option the server sets too (application-postgres.yml). */
    static final String POSTGRES_REWRITE_BATCHES = "reWriteBatchedInserts";

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
     * @param accountIndex false for the bare minimum: the same rows without the account index
     */
    public record Plan(
            long rows, long warmupRows, int batchSize, int rowsPerCommit, int accounts, boolean accountIndex) {

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
                Integer.parseInt(options.getOrDefault("accounts", String.valueOf(SampleBatches.DEFAULT_ACCOUNTS))),
                !options.containsKey("without-account-index"));
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
        migrate(url, null, null, "sqlite", plan);
        try (Connection connection = DriverManager.getConnection(url)) {
            String durability = "journal_mode=" + setting(connection, "pragma journal_mode") + ", synchronous="
                    + setting(connection, "pragma synchronous");
            return measure(connection, plan, "sqlite", urlOptions, durability);
        }
    }

    /**
     * Measures the inserts into PostgreSQL at {@code url}, whose current schema must be empty (or hold a previous run's
     * tables, which it then adds to). The JDBC options are the server's ({@code application-postgres.yml}): batched
     * inserts rewritten into multi-row statements.
     */
    static Result measurePostgres(String url, BenchTools.Login login, Plan plan) throws SQLException {
        migrate(url, login.user(), login.password(), "postgresql", plan);
        var properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty(POSTGRES_REWRITE_BATCHES, "true");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            String durability = "PostgreSQL " + setting(connection, "show server_version") + ", fsync="
                    + setting(connection, "show fsync") + ", synchronous_commit="
                    + setting(connection, "show synchronous_commit") + ", wal_sync_method="
                    + setting(connection, "show wal_sync_method");
            return measure(connection, plan, "postgresql", POSTGRES_REWRITE_BATCHES + "=true", durability);
        }
    }

    private static void migrate(String url, String user, String password, String vendor, Plan plan)
            throws SQLException {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/" + vendor)
                .load()
                .migrate();
        if (!plan.accountIndex()) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("drop index " + ACCOUNT_INDEX);
            }
        }
    }

    private static Result measure(
            Connection connection, Plan plan, String database, String urlOptions, String durability)
            throws SQLException {
        connection.setAutoCommit(false);
        var inserter = new Inserter(connection, plan, "postgresql".equals(database));
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

    /**
     * Inserts rows with two prepared statements, one batch each per commit, as the server's writer does: the
     * transactions first (on SQLite they take the write lock and get their positions from SQLite), then the batch rows
     * keyed by their first position.
     */
    private static final class Inserter {

        private final Connection connection;
        private final Plan plan;
        private final boolean postgres;
        private final MessageDigest hash = sha256();

        Inserter(Connection connection, Plan plan, boolean postgres) {
            this.connection = connection;
            this.plan = plan;
            this.postgres = postgres;
        }

        /** Inserts rows number {@code from} to {@code from + count - 1}; returns the number of commits. */
        long insert(long from, long count) throws SQLException {
            long commits = 0;
            try (PreparedStatement headers = connection.prepareStatement(INSERT_BATCH);
                    PreparedStatement transactions = connection.prepareStatement(INSERT_TRANSACTION)) {
                long end = from + count;
                for (long done = from; done < end; ) {
                    long commitEnd = Math.min(done + plan.rowsPerCommit(), end);
                    Long position = postgres ? single(connection, "select txgate_first_row()") : null;
                    for (long row = done; row < commitEnd; row++) {
                        long firstRow = row - (row % plan.batchSize());
                        SampleBatches.Row values = SampleBatches.row(firstRow, (int) (row - firstRow), plan.accounts());
                        if (position == null) {
                            transactions.setNull(1, Types.BIGINT);
                        } else {
                            transactions.setLong(1, position + (row - done));
                        }
                        transactions.setLong(2, values.timestamp().toEpochMilli() * 1000);
                        transactions.setInt(3, 0);
                        transactions.setString(4, values.txId());
                        transactions.setString(5, values.account());
                        if (postgres) {
                            transactions.setBigDecimal(6, values.amount());
                        } else {
                            transactions.setString(6, values.amount().toPlainString());
                        }
                        transactions.setString(7, values.currency());
                        transactions.setString(8, values.description());
                        transactions.addBatch();
                    }
                    transactions.executeBatch();
                    long first = position != null
                            ? position
                            : single(connection, "select last_insert_rowid()") - (commitEnd - done) + 1;
                    long receivedMicros = System.currentTimeMillis() * 1000;
                    for (long firstRow = done; firstRow < commitEnd; firstRow += plan.batchSize()) {
                        int size = (int) Math.min(plan.batchSize(), commitEnd - firstRow);
                        String batchId = "raw-" + firstRow / plan.batchSize();
                        headers.setLong(1, first + (firstRow - done));
                        headers.setString(2, batchId);
                        headers.setInt(3, 0);
                        headers.setBytes(4, hash.digest(batchId.getBytes(StandardCharsets.UTF_8)));
                        headers.setInt(5, size);
                        headers.setLong(6, receivedMicros);
                        headers.setInt(7, 0);
                        headers.addBatch();
                    }
                    headers.executeBatch();
                    connection.commit();
                    commits++;
                    done = commitEnd;
                }
            }
            return commits;
        }
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
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
