package org.charte.cookies;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The banner version a proof names (L3): the first 16 hexadecimal digits of the SHA-256 of
 * everything the banner shows (its texts in both languages, each consent purpose with its label,
 * description, lifetime and cookies). Computed by the server from the policy and the messages,
 * given to the script, and checked when a choice is recorded: a choice can only be proved against
 * the words that were shown.
 */
public record BannerVersion(String value) {

    public static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

    public BannerVersion {
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a banner version is 16 lowercase hexadecimal digits");
        }
    }

    /** The version of a banner whose canonical content (texts and purposes) is this text. */
    public static BannerVersion of(String canonicalContent) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalContent.getBytes(StandardCharsets.UTF_8));
            return new BannerVersion(HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
