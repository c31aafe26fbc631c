package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PrivateFilesTests {

    @TempDir
    Path dir;

    @Test
    void folderAndFileWhenCreatedShouldBeReadableByTheOwnerOnly() throws Exception {
        Path folder = dir.resolve("a/data");
        Path file = folder.resolve("txgate.db");

        PrivateFiles.createFolder(folder);
        PrivateFiles.createFile(file);

        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void existingFolderWhenOpenToOtherUsersShouldBeKeptWithAWarningNamingIt(CapturedOutput output) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateFiles.createFolder(folder);

        assertThat(mode(folder)).isEqualTo("rwxr-xr-x");
        assertThat(output.getOut())
                .contains("WARN")
                .contains("the folder " + folder.toAbsolutePath() + " holding transaction data is open to other users"
                        + " (rwxr-xr-x); make it private with: chmod 700 " + folder.toAbsolutePath());
    }

    @Test
    void existingFileWhenWorldReadableShouldBeKeptWithAWarningNamingIt(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("old.db"), "data");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.createFile(file);

        assertThat(Files.readString(file)).isEqualTo("data");
        assertThat(output.getOut())
                .contains("the file " + file.toAbsolutePath())
                .contains("chmod 600");
    }

    @Test
    void existingPrivateFolderShouldPassSilently(CapturedOutput output) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("private"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));

        PrivateFiles.createFolder(folder);

        assertThat(output.getOut()).doesNotContain("open to other users");
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
