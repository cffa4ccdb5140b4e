package org.charte.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.common.Ids;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcSubcontractors implements Subcontractors {

    /** The column's size: {@code subcontractor.name}. */
    static final int MAX_NAME = 200;

    private static final String COLUMNS = "id, name, role, contract_signed_on, contract_ends_on, data_protection_clauses, last_assessment_on";

    private final JdbcClient jdbc;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;

    JdbcSubcontractors(JdbcClient jdbc, Policy policy, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    private static Subcontractor row(ResultSet rs, int n) throws SQLException {
        return new Subcontractor(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role"),
                rs.getObject("contract_signed_on", LocalDate.class), rs.getObject("contract_ends_on", LocalDate.class),
                rs.getBoolean("data_protection_clauses"), rs.getObject("last_assessment_on", LocalDate.class));
    }

    @Override
    public Subcontractor register(String name, String role) {
        if (name == null || name.isBlank()) {
            throw new AccessException("name", "a name is required");
        }
        AccessInputs.line("name", name, MAX_NAME);
        AccessInputs.line("role", role, StaffAccounts.MAX_ROLE);
        boolean subcontractorRole = policy.role(role == null ? "" : role).map(r -> r.kind() == Policy.RoleKind.SUBCONTRACTOR).orElse(false);
        if (!subcontractorRole) {
            throw new AccessException("role", AccessRules.named(role) + " is not a subcontractor role of the policy");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM subcontractor WHERE name = ?").param(name.strip()).query(Long.class).single() > 0) {
            throw new AccessException("name", "a subcontractor of that name exists");
        }
        UUID id = ids.next();
        jdbc.sql("INSERT INTO subcontractor (id, name, role, created_at) VALUES (?, ?, ?, ?)")
                .params(id, name.strip(), role, clock.instant().atOffset(ZoneOffset.UTC)).update();
        return find(id).orElseThrow();
    }

    @Override
    public Subcontractor recordContract(UUID id, LocalDate signedOn, @Nullable LocalDate endsOn, boolean dataProtectionClauses) {
        if (signedOn == null) {
            throw new AccessException("signedOn", "the signature date is required");
        }
        AccessInputs.day("signedOn", signedOn);
        AccessInputs.day("endsOn", endsOn);
        if (endsOn != null && endsOn.isBefore(signedOn)) {
            throw new AccessException("endsOn", "the contract cannot end before it is signed");
        }
        existing(id);
        jdbc.sql("UPDATE subcontractor SET contract_signed_on = ?, contract_ends_on = ?, data_protection_clauses = ? WHERE id = ?")
                .params(signedOn, endsOn, dataProtectionClauses, id).update();
        return find(id).orElseThrow();
    }

    @Override
    public Subcontractor recordAssessment(UUID id, LocalDate assessedOn) {
        if (assessedOn == null) {
            throw new AccessException("assessedOn", "the assessment date is required");
        }
        AccessInputs.day("assessedOn", assessedOn);
        existing(id);
        jdbc.sql("UPDATE subcontractor SET last_assessment_on = ? WHERE id = ?").params(assessedOn, id).update();
        return find(id).orElseThrow();
    }

    private void existing(UUID id) {
        if (find(id).isEmpty()) {
            throw new AccessException("id", "no such subcontractor");
        }
    }

    @Override
    public Optional<Subcontractor> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subcontractor WHERE id = ?").param(id).query(JdbcSubcontractors::row).optional();
    }

    @Override
    public List<Subcontractor> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subcontractor ORDER BY name").query(JdbcSubcontractors::row).list();
    }
}
