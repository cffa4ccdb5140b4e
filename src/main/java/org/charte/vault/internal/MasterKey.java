package org.charte.vault.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that wraps every person's data key: from CHARTE_VAULT_MASTER_KEY (base64 of 32 bytes) or a
 * key file; on a first embedded start the file is generated, with a warning to back it up.
 */
record MasterKey(SecretKeySpec key, String id) {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    static MasterKey from(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalStateException("the master key must be 32 bytes (256 bits), not " + raw.length);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return new MasterKey(new SecretKeySpec(raw, "AES"), HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MasterKey load(String fromEnvironment, Path file, boolean generate) {
        if (!fromEnvironment.isBlank()) {
            return from(Base64.getDecoder().decode(fromEnvironment.strip()));
        }
        try {
            if (Files.exists(file)) {
                return from(Base64.getDecoder().decode(Files.readString(file).strip()));
            }
            if (!generate) {
                throw new IllegalStateException("no master key: set CHARTE_VAULT_MASTER_KEY or provide " + file);
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the default permissions
            }
            log.warn("Generated a new master key in {}: back it up apart from the database, or set CHARTE_VAULT_MASTER_KEY in production. "
                    + "Without it no personal data can be read.", file);
            return from(raw);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the master key file " + file + ": " + e.getMessage(), e);
        }
    }
}
