package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.support.SqliteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalyzedException;

class OutboxTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void batchesWhenAddedShouldComeBackOldestFirstWithTheirExactFrame() {
        try (var outbox = Outbox.open(dir.resolve("outbox.db"), 10, CLOCK)) {
            outbox.add("b-2", "{\"batchId\":\"b-2\",\"d\":\"Café 🚕\"}");
            outbox.add("b-1", "{\"batchId\":\"b-1\"}");

            assertThat(outbox.depth()).isEqualTo(2);
            var oldest = outbox.oldest().orElseThrow();
            assertThat(oldest.batchId()).isEqualTo("b-2");
            assertThat(oldest.frame()).isEqualTo("{\"batchId\":\"b-2\",\"d\":\"Café 🚕\"}");
            assertThat(oldest.createdAt()).isEqualTo(CLOCK.instant());

            outbox.remove(oldest);

            assertThat(outbox.oldest().orElseThrow().batchId()).isEqualTo("b-1");
            assertThat(outbox.depth()).isEqualTo(1);
        }
    }

    @Test
    void outboxWhenCreatedShouldBePrivateToItsUserWalAndShmIncluded() throws Exception {
        Path folder = dir.resolve("client-data");
        Path file = folder.resolve("outbox.db");
        try (var outbox = Outbox.open(file, 10, CLOCK)) {
            outbox.add("b-1", "frame");

            assertThat(mode(folder)).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(Path.of(file + "-wal"))).isEqualTo("rw-------");
            assertThat(mode(Path.of(file + "-shm"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void batchesWhenOutboxReopenedShouldStillBeThereInOrder() {
        Path file = dir.resolve("nested/folders/outbox.db");
        try (var outbox = Outbox.open(file, 10, CLOCK)) {
            outbox.add("a", "frame-a");
            outbox.add("b", "frame-b");
            outbox.remove(outbox.oldest().orElseThrow());
            outbox.add("c", "frame-c");
        }
        assertThat(Files.exists(file)).isTrue();

        try (var reopened = Outbox.open(file, 10, CLOCK)) {
            assertThat(reopened.depth()).isEqualTo(2);
            assertThat(reopened.oldest().orElseThrow().batchId()).isEqualTo("b");
            assertThat(reopened.oldestCreatedAt()).contains(CLOCK.instant());
        }
    }

    @Test
    void outboxWhenAlreadyOpenShouldRefuseASecondClientNamingTheSettingAndOpenAgainOnceClosed() {
        Path file = dir.resolve("outbox.db");
        try (var first = Outbox.open(file, 10, CLOCK)) {
            first.add("a", "frame-a");

            assertThatThrownBy(() -> Outbox.open(dir.resolve("./outbox.db"), 10, CLOCK))
                    .isInstanceOf(FailureAnalyzedException.class)
                    .hasMessageContaining("The client outbox " + file + " is in use by another txgate client")
                    .satisfies(failure -> assertThat(((FailureAnalyzedException) failure)
                                    .analysis()
                                    .getAction())
                            .contains("txgate.client.outbox-path"));
            assertThat(first.depth())
                    .as("the first client's outbox still works")
                    .isEqualTo(1);
        }
        assertThat(dir.resolve("outbox.db.lock")).exists();

        try (var reopened = Outbox.open(file, 10, CLOCK)) {
            assertThat(reopened.depth()).isEqualTo(1);
        }
    }

    @Test
    void rejectWhenCalledShouldMoveTheBatchToTheRejectedTable() {
        try (var outbox = Outbox.open(dir.resolve("outbox.db"), 10, CLOCK)) {
            outbox.add("bad", "frame-bad");
            outbox.add("good", "frame-good");

            outbox.reject(outbox.oldest().orElseThrow(), "CONFLICT", "batchId: stored before with different content");

            assertThat(outbox.depth()).isEqualTo(1);
            assertThat(outbox.oldest().orElseThrow().batchId()).isEqualTo("good");
            assertThat(outbox.rejected()).singleElement().satisfies(rejected -> {
                assertThat(rejected.batchId()).isEqualTo("bad");
                assertThat(rejected.frame()).isEqualTo("frame-bad");
                assertThat(rejected.code()).isEqualTo("CONFLICT");
                assertThat(rejected.message()).contains("different content");
            });
        }
    }

    @Test
    void outboxWhenAtCapacityShouldReportFull() {
        try (var outbox = Outbox.open(dir.resolve("outbox.db"), 2, CLOCK)) {
            outbox.add("a", "frame-a");
            assertThat(outbox.isFull()).isFalse();
            outbox.add("b", "frame-b");
            assertThat(outbox.isFull()).isTrue();
            outbox.remove(outbox.oldest().orElseThrow());
            assertThat(outbox.isFull()).isFalse();
        }
    }

    @Test
    void outboxFileWhenCreatedShouldUseWriteAheadLogging() {
        Path file = dir.resolve("outbox.db");
        try (var outbox = Outbox.open(file, 2, CLOCK)) {
            assertThat(new SqliteFile(file).text("PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
        }
    }
}
