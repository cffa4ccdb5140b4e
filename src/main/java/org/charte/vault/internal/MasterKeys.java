package org.charte.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The master keys this node knows: the current one, which wraps every new key, and during a
 * rotation the previous one, so that keys not yet rewrapped still open.
 *
 * <p>They come either from the environment ({@code CHARTE_VAULT_MASTER_KEY}, and during a
 * rotation {@code CHARTE_VAULT_PREVIOUS_MASTER_KEY}), or from the key file {@code master.key} under
 * the data directory (and {@code master.key.previous} during a rotation). On a first start without
 * either the file is generated, with a warning to back it up. A file-based node notices when a
 * rotation run by another process replaces the files and reloads them.
 */
@Component
class MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

    enum Source { ENVIRONMENT, FILE }

    /** The current key and, during a rotation, the previous one. */
    record Ring(MasterKey current, @Nullable MasterKey previous) {

        @Nullable MasterKey byId(String id) {
            if (current.id().equals(id)) {
                return current;
            }
            return previous != null && previous.id().equals(id) ? previous : null;
        }
    }

    private final Source source;
    private final Path file;
    private final Path previousFile;
    private final boolean generated;
    private volatile Ring ring;
    private volatile @Nullable FileTime seen;

    MasterKeys(@Value("${charte.vault.master-key:}") String fromEnvironment,
            @Value("${charte.vault.previous-master-key:}") String previousFromEnvironment,
            @Value("${charte.data-dir}") String dataDir,
            @Value("${charte.vault.generate-master-key:true}") boolean generate) {
        this.file = Path.of(dataDir, "master.key");
        this.previousFile = Path.of(dataDir, "master.key.previous");
        if (!fromEnvironment.isBlank()) {
            this.source = Source.ENVIRONMENT;
            this.generated = false;
            MasterKey current = MasterKey.fromBase64(fromEnvironment, "CHARTE_VAULT_MASTER_KEY");
            MasterKey previous = previousFromEnvironment.isBlank() ? null
                    : MasterKey.fromBase64(previousFromEnvironment, "CHARTE_VAULT_PREVIOUS_MASTER_KEY");
            this.ring = new Ring(current, previous == null || previous.id().equals(current.id()) ? null : previous);
            return;
        }
        this.source = Source.FILE;
        if (!Files.exists(file) && !Files.exists(previousFile)) {
            if (!generate) {
                throw new IllegalStateException("no master key: set CHARTE_VAULT_MASTER_KEY or provide " + file);
            }
            writeAtomically(file, MasterKey.random());
            this.generated = true;
            log.warn("Generated a new master key in {}: back it up apart from the database, or set CHARTE_VAULT_MASTER_KEY in production. "
                    + "Without it no personal data can be read.", file);
        } else {
            this.generated = false;
        }
        this.ring = readFiles();
    }

    Source source() {
        return source;
    }

    /** Whether this process created the key file, i.e. this is a new installation with nothing sealed yet. */
    boolean generated() {
        return generated;
    }

    Path file() {
        return file;
    }

    Ring ring() {
        refreshIfChanged();
        return ring;
    }

    MasterKey current() {
        return ring().current();
    }

    /**
     * The master key with that id, reloading the key files once if this node does not know it
     * (another process rotated the key).
     *
     * @throws IllegalStateException when no master key this node can find has that id
     */
    MasterKey byId(String id) {
        MasterKey key = ring().byId(id);
        if (key == null && source == Source.FILE) {
            synchronized (this) {
                ring = readFiles();
            }
            key = ring.byId(id);
        }
        if (key == null) {
            throw new IllegalStateException("a key is wrapped by master key " + id + ", which this node does not have"
                    + (source == Source.ENVIRONMENT ? ": set CHARTE_VAULT_MASTER_KEY (and, during a rotation, CHARTE_VAULT_PREVIOUS_MASTER_KEY)"
                            : " in " + file.getParent()));
        }
        return key;
    }

    /**
     * First step of a rotation from the key file: the old key is kept as {@code master.key.previous},
     * then a new key replaces {@code master.key}, each file written whole and synced before the next
     * step. Run again after a crash, it resumes: a previous file that differs from the key file
     * means the new key is already in place.
     */
    synchronized Ring startFileRotation() {
        requireFile();
        MasterKey inFile = read(file);
        if (Files.exists(previousFile)) {
            MasterKey previous = read(previousFile);
            if (!previous.id().equals(inFile.id())) {
                ring = new Ring(inFile, previous);
                return ring; // an interrupted rotation: finish it, do not start another
            }
        } else {
            writeAtomically(previousFile, inFile);
        }
        MasterKey next = MasterKey.random();
        writeAtomically(file, next);
        ring = new Ring(next, inFile);
        seen = modified(file);
        return ring;
    }

    /** Last step of a rotation from the key file, once no key is wrapped by the previous one: it is deleted. */
    synchronized void finishFileRotation() {
        requireFile();
        try {
            Files.deleteIfExists(previousFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + previousFile + ": " + e.getMessage(), e);
        }
        ring = new Ring(ring.current(), null);
    }

    private void requireFile() {
        if (source != Source.FILE) {
            throw new IllegalStateException("the master key comes from the environment, not from a file");
        }
    }

    private void refreshIfChanged() {
        if (source != Source.FILE) {
            return;
        }
        FileTime now = modified(file);
        if (!Objects.equals(now, seen)) {
            synchronized (this) {
                ring = readFiles();
            }
        }
    }

    private Ring readFiles() {
        FileTime before = modified(file);
        MasterKey current = read(file);
        MasterKey previous = Files.exists(previousFile) ? read(previousFile) : null;
        seen = before;
        return new Ring(current, previous == null || previous.id().equals(current.id()) ? null : previous);
    }

    private static @Nullable FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return null;
        }
    }

    private static MasterKey read(Path path) {
        try {
            return MasterKey.fromBase64(Files.readString(path, StandardCharsets.US_ASCII), "the key file " + path);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the key file " + path + " is missing");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the key file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes a key file whole or not at all: a temporary file, synced, then moved over the target. */
    static void writeAtomically(Path path, MasterKey key) {
        Path dir = path.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + path.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps the default permissions
                }
                channel.write(ByteBuffer.wrap((key.base64() + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // some systems cannot sync a directory; the move itself is atomic
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the key file " + path + ": " + e.getMessage(), e);
        }
    }
}
