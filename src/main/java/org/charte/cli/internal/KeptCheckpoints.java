package org.charte.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.charte.audit.AuditCheckpoint;
import org.charte.audit.AuditCheckpoints;
import org.charte.vault.SigningKeys;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkpoints kept outside Charte, read from the JSON that {@code GET /api/v1/audit/checkpoints}
 * publishes (and the daily mail attaches): its {@code checkpoints} and, if kept, its {@code keys}.
 * Anything else is refused with the reason, never with the file's content.
 */
record KeptCheckpoints(List<AuditCheckpoint> checkpoints, List<SigningKeys.PublicSigningKey> keys) {

    static final long MAX_FILE = 16L * 1024 * 1024;

    static KeptCheckpoints read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalArgumentException("the file is over 16 MB");
            }
            String text = Files.readString(file);
            // the daily mail's text saved whole: its JSON document is what lies between the first { and the last }
            int start = text.indexOf('{');
            int end = text.lastIndexOf('}');
            root = JsonMapper.builder().build().readTree(start < 0 || end < start ? text : text.substring(start, end + 1));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + file + " as UTF-8 text");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: expected the document of GET /api/v1/audit/checkpoints");
        }
        if (root == null || !root.isObject() || !root.path("checkpoints").isArray()) {
            throw new IllegalArgumentException("expected a JSON object with a checkpoints array, as GET /api/v1/audit/checkpoints gives");
        }
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.path("checkpoints")) {
            String at = "checkpoints[" + i++ + "]";
            long count = c.path("entryCount").asLong(-1);
            String hash = text(c, "headHash", at);
            if (count < 0 || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(at + ": entryCount must be a count and headHash 64 hexadecimal digits");
            }
            Instant signedAt;
            try {
                signedAt = Instant.parse(text(c, "signedAt", at));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(at + ".signedAt: not an ISO-8601 instant");
            }
            checkpoints.add(new AuditCheckpoint(new UUID(0, i), count, hash, signedAt, text(c, "keyId", at), text(c, "algorithm", at),
                    text(c, "signature", at)));
        }
        List<SigningKeys.PublicSigningKey> keys = new ArrayList<>();
        int k = 0;
        for (JsonNode key : root.path("keys")) {
            String at = "keys[" + k++ + "]";
            byte[] x509;
            try {
                x509 = Base64.getDecoder().decode(text(key, "publicKey", at));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".publicKey: not base64");
            }
            keys.add(new SigningKeys.PublicSigningKey(AuditCheckpoints.KEY, text(key, "keyId", at), text(key, "algorithm", at), x509,
                    Instant.EPOCH, null));
        }
        return new KeptCheckpoints(checkpoints, keys);
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().length() > 200) {
            throw new IllegalArgumentException(at + "." + field + ": missing, or not a string of at most 200 characters");
        }
        return value.asString();
    }
}
