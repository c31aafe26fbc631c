package io.txgate.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.store.BatchStore;
import io.txgate.store.SqliteUrls;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store's gauges: transactions waiting for the writer, and for SQLite the database's size (file and WAL) and the
 * space left on its file system, the one resource that, once gone, stops every commit. Each is read when asked (a
 * scrape, the status page's sampler), never on the ingest path.
 */
final class StoreMetrics {

    StoreMetrics(MeterRegistry registry, BatchStore store, String datasourceUrl) {
        Gauge.builder("txgate.store.queued.rows", store, BatchStore::queuedRows)
                .description("transactions waiting for the writer (txgate.store.max-queued-rows at most)")
                .register(registry);
        Path file = SqliteUrls.file(datasourceUrl);
        if (file == null) {
            return; // PostgreSQL: its size and disk are the database server's to watch
        }
        Path database = file.toAbsolutePath();
        Gauge.builder("txgate.store.size", database, StoreMetrics::sizeWithWal)
                .description("the SQLite database file and its write-ahead log")
                .baseUnit("bytes")
                .strongReference(true) // a gauge holds its object weakly, and nothing else holds this Path
                .register(registry);
        File folder = database.getParent().toFile();
        Gauge.builder("txgate.store.disk.free", folder, File::getUsableSpace)
                .description("space usable on the file system of the SQLite database")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }

    private static double sizeWithWal(Path database) {
        return sizeOf(database) + sizeOf(Path.of(database + "-wal"));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0; // removed between the two calls (the WAL at a checkpoint): nothing to count
        }
    }
}
