package org.charte.vault.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key that wraps the persons' data keys and the vault's own keys; its id (the first 8 bytes of
 * its SHA-256, in hex) is stored beside each wrapped key, so a reader knows which master key to use.
 */
record MasterKey(SecretKeySpec key, String id) {

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

    /** A key written as base64 of 32 bytes; the message never repeats the text, which may be a key. */
    static MasterKey fromBase64(String text, String where) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64 of 32 bytes");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(where + " must be base64 of 32 bytes (256 bits), not " + raw.length + " bytes");
        }
        return from(raw);
    }

    static MasterKey random() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return from(raw);
    }

    String base64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]"; // never the key itself
    }
}
