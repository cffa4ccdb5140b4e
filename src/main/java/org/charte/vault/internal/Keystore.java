package org.charte.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keystore (R8.4): the key-encryption keys of the epochs, one file each, in a directory
 * outside the database ({@code <data-dir>/keystore} by default; in production a mounted secret or
 * shared volume that every node sees). A database backup holds wrapped keys only; the keys that
 * unwrap them are here, and destroying an epoch overwrites and deletes its file, leaving a
 * tombstone without key material ({@code epoch-N.destroyed}) so that a reader can tell a destroyed
 * epoch from a keystore that is not this installation's.
 *
 * <p>The unwrapped keys are kept in memory (the read path costs no file access); the directory is
 * read again when a key is asked for that this node does not know (another node started an epoch)
 * and, for the current epoch, at most every few seconds.
 */
@Component
class Keystore {

    private static final Logger log = LoggerFactory.getLogger(Keystore.class);
    private static final Pattern KEY_FILE = Pattern.compile("epoch-(\\d{1,18})\\.kek");
    private static final Pattern TOMBSTONE = Pattern.compile("epoch-(\\d{1,18})\\.destroyed");
    private static final Duration CURRENT_REFRESH = Duration.ofSeconds(5);
    private static final Duration UNKNOWN_REFRESH = Duration.ofMillis(200);

    /** An epoch: its KEK while it lives (null once destroyed). Never prints the key. */
    record Epoch(long number, String kekId, Instant started, @Nullable Instant destroyed, @Nullable SecretKeySpec key) {

        boolean live() {
            return key != null;
        }

        @Override
        public String toString() {
            return "Epoch[" + number + ", kek " + kekId + ", started " + started + (destroyed == null ? "" : ", destroyed " + destroyed) + "]";
        }
    }

    private final Path directory;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<Long, Epoch> epochs = Map.of();
    private volatile long readAt = System.nanoTime() - Duration.ofHours(1).toNanos(); // as if read long ago
    private volatile boolean read;

    Keystore(@Value("${charte.vault.keystore:}") String keystore, @Value("${charte.data-dir}") String dataDir) {
        this.directory = (keystore.isBlank() ? Path.of(dataDir, "keystore") : Path.of(keystore)).toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    /** Every epoch the keystore knows, live or destroyed, oldest first (read afresh). */
    List<Epoch> epochs() {
        refresh();
        return List.copyOf(epochs.values());
    }

    /** The newest live epoch, or null when there is none yet. Re-reads the directory every few seconds. */
    @Nullable Epoch current() {
        if (!read || System.nanoTime() - readAt > CURRENT_REFRESH.toNanos()) {
            refresh();
        }
        return newestLive(epochs);
    }

    private static @Nullable Epoch newestLive(Map<Long, Epoch> epochs) {
        Epoch newest = null;
        for (Epoch epoch : epochs.values()) {
            if (epoch.live() && (newest == null || epoch.number() > newest.number())) {
                newest = epoch;
            }
        }
        return newest;
    }

    /**
     * The KEK that unwraps a key of that epoch.
     *
     * @throws EpochDestroyedException when the epoch has been destroyed (its tombstone is here, or
     *                                 it is older than every epoch still here)
     * @throws EpochDestroyedException also when this keystore has never heard of it (not this
     *                                 installation's keystore, or a node that does not see the shared
     *                                 one): the data cannot be opened here, answered as such, never a 500
     */
    SecretKeySpec kek(long number, UUID subjectId) {
        Epoch epoch = epochs.get(number);
        if (epoch == null && System.nanoTime() - readAt > UNKNOWN_REFRESH.toNanos()) {
            refresh(); // another node may have started it (a destroyed epoch stays destroyed: no need to look again)
            epoch = epochs.get(number);
        }
        if (epoch != null && epoch.live()) {
            return epoch.key();
        }
        Epoch oldestLive = epochs.values().stream().filter(Epoch::live).findFirst().orElse(null);
        if (epoch != null || (oldestLive != null && number < oldestLive.number())) {
            throw new EpochDestroyedException(subjectId, number);
        }
        log.warn("The keystore {} has no key for epoch {}: not this installation's keystore, or this node does not see the shared one "
                + "(charte.vault.keystore); the data under that epoch cannot be opened here", directory, number);
        throw EpochDestroyedException.unknownToKeystore(subjectId, number);
    }

    /**
     * Starts an epoch: writes its new KEK whole, or nothing if another node wrote that epoch first.
     *
     * @return the epoch now in the keystore under that number (ours or the other node's)
     */
    synchronized Epoch create(long number, Instant started) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        MasterKey kek = MasterKey.from(raw);
        String text = "# Charte key epoch " + number + ": the key that wraps persons' data keys. Keep it apart from database backups;\n"
                + "# once the epoch is destroyed no copy of this file may remain (keystore backups follow the backup horizon too).\n"
                + "epoch=" + number + "\nstarted=" + started + "\nkek-id=" + kek.id() + "\nkey=" + kek.base64() + "\n";
        try {
            Files.createDirectories(directory);
            Path temp = directory.resolve(".epoch-" + number + "." + UUID.randomUUID() + ".tmp");
            write(temp, text.getBytes(StandardCharsets.US_ASCII));
            try {
                // A hard link creates the name only if it is free: two nodes starting the same epoch cannot both win.
                Files.createLink(keyFile(number), temp);
            } catch (FileAlreadyExistsException e) {
                log.info("epoch {} was started by another node meanwhile", number);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write epoch " + number + " in the keystore " + directory + ": " + e.getMessage(), e);
        }
        refresh();
        Epoch epoch = epochs.get(number);
        if (epoch == null || !epoch.live()) {
            throw new IllegalStateException("epoch " + number + " could not be started in the keystore " + directory);
        }
        return epoch;
    }

    /**
     * Destroys an epoch for good: a tombstone (number, KEK id, dates, no key) is written, then the
     * key file is overwritten with random bytes, synced and deleted.
     */
    synchronized void destroy(long number, Instant at) {
        Epoch epoch = epochs.get(number);
        if (epoch == null) {
            refresh();
            epoch = epochs.get(number);
        }
        if (epoch == null) {
            throw new IllegalStateException("no epoch " + number + " in the keystore " + directory);
        }
        try {
            Path tombstone = directory.resolve("epoch-" + number + ".destroyed");
            if (!Files.exists(tombstone)) {
                Path temp = directory.resolve(".epoch-" + number + ".destroyed.tmp");
                write(temp, ("# Charte key epoch " + number + ": destroyed; its key is gone for good.\nepoch=" + number + "\nstarted="
                        + epoch.started() + "\nkek-id=" + epoch.kekId() + "\ndestroyed=" + at + "\n").getBytes(StandardCharsets.US_ASCII));
                Files.move(temp, tombstone, StandardCopyOption.ATOMIC_MOVE);
            }
            wipe(keyFile(number));
            syncDirectory();
        } catch (IOException e) {
            throw new IllegalStateException("cannot destroy epoch " + number + " in the keystore " + directory + ": " + e.getMessage(), e);
        }
        refresh();
    }

    private Path keyFile(long number) {
        return directory.resolve("epoch-" + number + ".kek");
    }

    /** Overwrites a key file with random bytes of its length, syncs, then deletes it. */
    private void wipe(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] noise = new byte[(int) Math.min(size, 1 << 16)];
            long written = 0;
            while (written < size) {
                random.nextBytes(noise);
                written += channel.write(ByteBuffer.wrap(noise, 0, (int) Math.min(noise.length, size - written)), written);
            }
            channel.force(true);
        }
        Files.delete(file);
    }

    /** Reads the directory again: key files and tombstones (a key file beside its tombstone is wiped: an interrupted destruction). */
    synchronized void refresh() {
        Map<Long, Epoch> found = new TreeMap<>();
        Map<Long, Path> keys = new LinkedHashMap<>();
        List<Path> tombstones = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    Matcher key = KEY_FILE.matcher(name);
                    if (key.matches()) {
                        keys.put(Long.parseLong(key.group(1)), file);
                    } else if (TOMBSTONE.matcher(name).matches()) {
                        tombstones.add(file);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the keystore " + directory + ": " + e.getMessage(), e);
            }
        }
        for (Path file : tombstones) {
            Map<String, String> fields = fields(file);
            long number = Long.parseLong(required(fields, "epoch", file));
            found.put(number, new Epoch(number, required(fields, "kek-id", file), Instant.parse(required(fields, "started", file)),
                    Instant.parse(required(fields, "destroyed", file)), null));
        }
        for (var entry : keys.entrySet()) {
            if (found.containsKey(entry.getKey())) {
                try {
                    wipe(entry.getValue());
                } catch (IOException e) {
                    log.warn("epoch {} is destroyed but its key file could not be wiped yet: {}", entry.getKey(), e.getMessage());
                }
                continue;
            }
            Map<String, String> fields = fields(entry.getValue());
            MasterKey kek = MasterKey.fromBase64(required(fields, "key", entry.getValue()), "the keystore file " + entry.getValue());
            if (!kek.id().equals(fields.get("kek-id"))) {
                throw new IllegalStateException("the keystore file " + entry.getValue() + " is damaged (its key does not match its id)");
            }
            found.put(entry.getKey(), new Epoch(entry.getKey(), kek.id(), Instant.parse(required(fields, "started", entry.getValue())), null,
                    kek.key()));
        }
        epochs = Collections.unmodifiableMap(found);
        readAt = System.nanoTime();
        read = true;
    }

    private static String required(Map<String, String> fields, String name, Path file) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("the keystore file " + file + " has no " + name);
        }
        return value;
    }

    private static Map<String, String> fields(Path file) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the keystore file " + file + ": " + e.getMessage(), e);
        }
        return fields;
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the default permissions
            }
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some systems cannot sync a directory
        }
    }
}
