package org.charte.commerce.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals personal values under their person's key, each bound to its column and row
 * ({@code commerce.delivery.address:<id>}), so a value cannot be moved to another row unnoticed.
 */
@Component
class Sealed {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Vault vault;

    Sealed(Vault vault) {
        this.vault = vault;
    }

    byte[] text(UUID subjectId, String field, UUID rowId, String value) {
        return vault.seal(subjectId, field(field, rowId), value.getBytes(StandardCharsets.UTF_8));
    }

    @Nullable String openText(UUID subjectId, String field, UUID rowId, byte @Nullable [] sealed) {
        return sealed == null ? null : new String(vault.open(subjectId, field(field, rowId), sealed), StandardCharsets.UTF_8);
    }

    byte[] json(UUID subjectId, String field, UUID rowId, Object value) {
        return vault.seal(subjectId, field(field, rowId), JSON.writeValueAsBytes(value));
    }

    <T> T openJson(UUID subjectId, String field, UUID rowId, byte[] sealed, Class<T> type) {
        return JSON.readValue(vault.open(subjectId, field(field, rowId), sealed), type);
    }

    /** The person's key, read on first use: for a read path opening many values of one person. */
    Vault.SubjectKey keyOf(UUID subjectId) {
        return vault.keyOnDemand(subjectId);
    }

    @Nullable String openText(Vault.SubjectKey key, String field, UUID rowId, byte @Nullable [] sealed) {
        return sealed == null ? null : new String(key.open(field(field, rowId), sealed), StandardCharsets.UTF_8);
    }

    <T> T openJson(Vault.SubjectKey key, String field, UUID rowId, byte[] sealed, Class<T> type) {
        return JSON.readValue(key.open(field(field, rowId), sealed), type);
    }

    String blindIndex(String kind, String normalised) {
        return vault.blindIndex(kind, normalised);
    }

    static String field(String field, UUID rowId) {
        return "commerce." + field + ":" + rowId;
    }
}
