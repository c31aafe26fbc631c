package io.txgate;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the folders and SQLite files that hold transactions (the server's store, the client's outbox) readable by
 * this user only: folders 0700, files 0600. SQLite gives the {@code -wal} and {@code -shm} files it creates next to a
 * database the database file's own mode, so creating the database file first covers them too.
 *
 * <p>Existing folders and files are left as they are (the operator may share them on purpose), but one open to other
 * users gets a WARN naming it. On file systems without POSIX permissions (Windows) nothing is set or checked.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {}

    /** Creates {@code folder} (and missing parents) as 0700, or warns when an existing one is open to others. */
    public static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            warnIfOpen(folder, "folder");
            return;
        }
        if (!posix(folder)) {
            Files.createDirectories(folder);
            return;
        }
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        // The umask can only take permissions away; setting them again makes the mode exact.
        Files.setPosixFilePermissions(folder, FOLDER);
    }

    /** Creates an empty {@code file} as 0600 unless it exists, or warns when an existing one is open to others. */
    public static void createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            warnIfOpen(file, "file");
            return;
        }
        FileAttribute<?>[] attributes = posix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            // Created by someone else in the meantime: theirs to keep.
        }
    }

    private static void warnIfOpen(Path path, String kind) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            log.warn(
                    "the {} {} holding transaction data is open to other users ({}); make it private with: chmod {} {}",
                    kind,
                    path.toAbsolutePath(),
                    PosixFilePermissions.toString(permissions),
                    kind.equals("folder") ? "700" : "600",
                    path.toAbsolutePath());
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
