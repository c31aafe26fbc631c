package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.TxgateApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A server started on a fresh data folder keeps the store private to its user. */
class PrivateStoreFilesTests {

    @TempDir
    Path dir;

    @Test
    void freshDataFolderWhenServerStartsShouldBe0700WithDatabaseWalAndShm0600() throws Exception {
        Path folder = dir.resolve("data");
        Path database = folder.resolve("txgate.db");

        try (var server = new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .web(WebApplicationType.NONE)
                .properties("txgate.server.port=0", "txgate.store.path=" + database)
                .run()) {
            // The migration has written: SQLite in WAL mode holds the -wal and -shm files while the store is open.
            assertThat(mode(folder)).isEqualTo("rwx------");
            assertThat(mode(database)).isEqualTo("rw-------");
            assertThat(mode(Path.of(database + "-wal"))).isEqualTo("rw-------");
            assertThat(mode(Path.of(database + "-shm"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
