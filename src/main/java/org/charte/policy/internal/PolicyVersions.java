package org.charte.policy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.policy.PolicyVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores each policy file Charte starts with, once per content, and keeps every one (R1.1). The
 * files Charte ships (Gestan Cloud 1.2 and 1.3) are known versions too, stored once each even when
 * another file runs, so that any two can be compared on a fresh database (L10).
 */
@Service
class PolicyVersions implements CurrentPolicy {

    private final JdbcClient jdbc;
    private final Policy policy;
    private final PolicyVersion current;

    PolicyVersions(JdbcClient jdbc, Policy policy, PolicySource source, Ids ids, Clock clock,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.current = transactions.execute(status -> record(policy, source, ids, clock.instant()));
        transactions.executeWithoutResult(status -> {
            for (String resource : PolicyLoader.SHIPPED_RESOURCES) {
                know(PolicyLoader.shippedContent(resource), resource, ids, clock.instant());
            }
        });
    }

    /** A shipped file becomes a known version, unless its content is already stored (run or known). */
    private void know(String content, String resource, Ids ids, Instant now) {
        Policy shipped = PolicyLoader.parse(resource, content);
        boolean stored = jdbc.sql("SELECT COUNT(*) FROM policy_version WHERE content_sha256 = ?").param(shipped.contentSha256())
                .query(Integer.class).single() > 0;
        if (!stored) {
            OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
            jdbc.sql("""
                    INSERT INTO policy_version (id, version_label, effective_date, content_sha256, content, first_loaded, last_loaded)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(ids.next(), shipped.version(), shipped.effectiveDate(), shipped.contentSha256(), content, at, at)
                    .update();
        }
    }

    private PolicyVersion record(Policy policy, PolicySource source, Ids ids, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE policy_version SET last_loaded = ? WHERE content_sha256 = ?")
                .params(at, policy.contentSha256()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO policy_version (id, version_label, effective_date, content_sha256, content, first_loaded, last_loaded)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(ids.next(), policy.version(), policy.effectiveDate(), policy.contentSha256(),
                            source.content(), at, at)
                    .update();
        }
        return jdbc.sql(SELECT + " WHERE content_sha256 = ?").param(policy.contentSha256())
                .query(PolicyVersions::mapVersion).single();
    }

    private static final String SELECT =
            "SELECT id, version_label, effective_date, content_sha256, first_loaded, last_loaded FROM policy_version";

    private static PolicyVersion mapVersion(ResultSet rs, int row) throws SQLException {
        return new PolicyVersion(rs.getObject("id", UUID.class), rs.getString("version_label"),
                rs.getObject("effective_date", LocalDate.class), rs.getString("content_sha256"),
                rs.getObject("first_loaded", OffsetDateTime.class).toInstant(),
                rs.getObject("last_loaded", OffsetDateTime.class).toInstant());
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public PolicyVersion version() {
        return current;
    }

    @Override
    public List<PolicyVersion> versions() {
        return jdbc.sql(SELECT + " ORDER BY effective_date DESC, first_loaded DESC, id DESC").query(PolicyVersions::mapVersion).list();
    }

    @Override
    public Optional<PolicyVersion> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(PolicyVersions::mapVersion).optional();
    }

    @Override
    public Optional<String> content(UUID id) {
        return jdbc.sql("SELECT content FROM policy_version WHERE id = ?").param(id).query(String.class).optional();
    }

    @Override
    public Optional<Policy> load(UUID id) {
        if (id.equals(current.id())) {
            return Optional.of(policy);
        }
        return find(id).flatMap(v -> content(id).map(content -> PolicyLoader.parse("version " + v.label(), content)));
    }
}
