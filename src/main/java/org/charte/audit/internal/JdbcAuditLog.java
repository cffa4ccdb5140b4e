package org.charte.audit.internal;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcAuditLog implements AuditLog {

    static final int MAX_LIMIT = 10_000;
    static final String EXPORT_FORMAT = "charte-audit-export/1";

    private static final JsonMapper JSON = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final ChainWriter writer;
    private final AuditEntries entries;
    private final Clock clock;

    JdbcAuditLog(ChainWriter writer, AuditEntries entries, Clock clock) {
        this.writer = writer;
        this.entries = entries;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        return writer.append(List.of(Objects.requireNonNull(event, "event"))).getFirst();
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        return writer.append(List.copyOf(events));
    }

    @Override
    public List<AuditEntry> forSubject(UUID subjectId, int limit) {
        return entries.latestForSubject(Objects.requireNonNull(subjectId, "subjectId"), checked(limit))
                .stream().map(StoredEntry::toEntry).toList();
    }

    @Override
    public List<UUID> subjectsReachedBy(String actor, Set<String> actions, Instant from, Instant to, int limit) {
        if (actions.isEmpty() || !from.isBefore(to)) {
            throw new IllegalArgumentException("name at least one action, and a window whose start is before its end");
        }
        return entries.subjectsReachedBy(Objects.requireNonNull(actor, "actor"), List.copyOf(actions), from, to, checked(limit));
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return entries.latest(checked(limit)).stream().map(StoredEntry::toEntry).toList();
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    @Override
    public AuditVerification verify() {
        return new ChainVerifier(entries).verify();
    }

    @Override
    public Optional<String> hashAt(long seq) {
        return seq == 0 ? Optional.of(AuditEntry.GENESIS) : entries.hashAt(seq);
    }

    @Override
    public OptionalLong positionOf(String hash) {
        return AuditEntry.GENESIS.equals(hash) ? OptionalLong.of(0) : entries.seqOf(Objects.requireNonNull(hash, "hash"));
    }

    /**
     * Streams the entries up to the head read first, a page at a time, as they are stored (a
     * tampered row is exported as it now reads, for the DPO to see), with the head's seq and hash
     * so that a copy kept elsewhere can later prove the log was not rewritten.
     */
    @Override
    public void exportJson(OutputStream out, @Nullable UUID subjectId) {
        ChainStore.Head head = entries.head()
                .orElseThrow(() -> new IllegalStateException("the audit chain's head (audit_head) is missing: run 'charte audit verify'"));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("format", EXPORT_FORMAT);
            json.writeStringProperty("hashes", "SHA-256 of each entry's canonical encoding " + EntryHash.FORMAT
                    + ", which includes the previous entry's hash");
            json.writeStringProperty("exportedAt", EntryHash.format(EntryHash.truncate(clock.instant())));
            string(json, "subjectId", subjectId == null ? null : subjectId.toString());
            json.writeObjectPropertyStart("head");
            json.writeNumberProperty("lastSeq", head.lastSeq());
            json.writeStringProperty("lastHash", head.lastHash());
            json.writeEndObject();
            json.writeArrayPropertyStart("entries");
            long after = Long.MIN_VALUE;
            List<StoredEntry> page;
            do {
                page = subjectId == null ? entries.page(after, head.lastSeq(), ChainVerifier.PAGE)
                        : entries.pageForSubject(subjectId, after, head.lastSeq(), ChainVerifier.PAGE);
                for (StoredEntry row : page) {
                    write(json, row);
                }
                if (!page.isEmpty()) {
                    after = page.getLast().seq();
                }
            } while (page.size() == ChainVerifier.PAGE);
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void write(JsonGenerator json, StoredEntry row) {
        json.writeStartObject();
        json.writeNumberProperty("seq", row.seq());
        json.writeStringProperty("id", row.id().toString());
        json.writeStringProperty("at", EntryHash.format(row.at()));
        json.writeStringProperty("actor", row.actor());
        json.writeStringProperty("action", row.action());
        string(json, "purpose", row.purpose());
        json.writeStringProperty("resourceType", row.resourceType());
        string(json, "resourceId", row.resourceId());
        string(json, "subjectId", row.subjectId() == null ? null : row.subjectId().toString());
        json.writeArrayPropertyStart("categories");
        for (String category : row.categories()) {
            json.writeString(category);
        }
        json.writeEndArray();
        json.writeStringProperty("outcome", row.outcome());
        string(json, "reason", row.reason());
        json.writeStringProperty("previousHash", row.previousHash());
        json.writeStringProperty("hash", row.hash());
        json.writeEndObject();
    }

    private static void string(JsonGenerator json, String name, @Nullable String value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value);
        }
    }
}
