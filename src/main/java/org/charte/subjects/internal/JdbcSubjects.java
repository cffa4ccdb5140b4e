package org.charte.subjects.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.policy.CurrentPolicy;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcSubjects implements Subjects {

    private static final String IDENTITY = "identity";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Vault vault;
    private final CurrentPolicy policy;
    private final Ids ids;
    private final Clock clock;

    JdbcSubjects(JdbcClient jdbc, Vault vault, CurrentPolicy policy, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    @Transactional
    public UUID register(SubjectStatus status, Identity identity, LocalDate lastContact) {
        UUID id = ids.next();
        vault.createKey(id);
        byte[] sealed = vault.seal(id, IDENTITY, JSON.writeValueAsBytes(identity));
        jdbc.sql("""
                INSERT INTO data_subject (id, status, created_at, last_contact_on, policy_version_id, identity, email_index)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, status.name(), clock.instant().atOffset(ZoneOffset.UTC), lastContact,
                        policy.version().id(), sealed, emailIndex(identity.email()))
                .update();
        return id;
    }

    private @Nullable String emailIndex(@Nullable String email) {
        return email == null || email.isBlank() ? null : vault.blindIndex("email", email.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public Identity identity(UUID id) {
        byte[] sealed = jdbc.sql("SELECT identity FROM data_subject WHERE id = ?").param(id).query(byte[].class)
                .optional().orElseThrow(() -> new IllegalArgumentException("no subject " + id));
        return JSON.readValue(vault.open(id, IDENTITY, sealed), Identity.class);
    }

    @Override
    public Optional<UUID> findByEmail(String email) {
        String index = emailIndex(email);
        return index == null ? Optional.empty()
                : jdbc.sql("SELECT id FROM data_subject WHERE email_index = ?").param(index).query(UUID.class).optional();
    }

    @Override
    public Optional<SubjectStatus> status(UUID id) {
        return jdbc.sql("SELECT status FROM data_subject WHERE id = ?").param(id).query(String.class).optional().map(SubjectStatus::valueOf);
    }

    @Override
    public void recordContact(UUID id, LocalDate on) {
        existing(id);
        jdbc.sql("UPDATE data_subject SET last_contact_on = ? WHERE id = ? AND last_contact_on < ?").params(on, id, on).update();
    }

    @Override
    public void becameClient(UUID id, LocalDate on) {
        existing(id);
        jdbc.sql("UPDATE data_subject SET status = ?, contract_ended_on = NULL WHERE id = ?").params(SubjectStatus.CLIENT_ACTIVE.name(), id).update();
        recordContact(id, on);
    }

    @Override
    public void contractsEnded(UUID id, LocalDate on) {
        existing(id);
        jdbc.sql("UPDATE data_subject SET status = ?, contract_ended_on = ? WHERE id = ?").params(SubjectStatus.CLIENT_INACTIVE.name(), on, id).update();
    }

    @Override
    public boolean isAdultOn(UUID id, LocalDate day) {
        LocalDate birth = identity(id).birthDate();
        return birth != null && !birth.plusYears(18).isAfter(day);
    }

    private void existing(UUID id) {
        if (status(id).isEmpty()) {
            throw new org.charte.common.InvalidInputException("subjectId", "no such person");
        }
    }

    @Override
    public Map<SubjectStatus, Long> countByStatus() {
        Map<SubjectStatus, Long> counts = new EnumMap<>(SubjectStatus.class);
        for (SubjectStatus status : SubjectStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM data_subject GROUP BY status")
                .query((rs, n) -> Map.entry(SubjectStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}
