package org.charte.access.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.AccessRequest;
import org.charte.access.AccountLockout;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shuts out a compromised account or token (L6). The account's sessions end through
 * {@link SessionExpiry}, which signs out a session whose account is disabled: sessions live in each
 * node's memory, the disabled account in the database all nodes share ({@link DisabledLogins}: at
 * the next request on this node, within 2 seconds on the others).
 */
@Service
class Lockouts implements AccountLockout {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final DisabledLogins disabledLogins;

    Lockouts(JdbcClient jdbc, AuditLog audit, Clock clock, DisabledLogins disabledLogins) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.disabledLogins = disabledLogins;
    }

    @Override
    @Transactional
    public Lockout lockStaff(UUID staffId, AccessRequest.Actor by) {
        if (jdbc.sql("SELECT COUNT(*) FROM staff_account WHERE id = ?").param(staffId).query(Long.class).single() == 0) {
            throw new AccessException("staffId", "no such member of staff");
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        boolean locked = jdbc.sql("UPDATE staff_account SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")
                .params(now, staffId).update() == 1;
        disabledLogins.forgetAfterCommit(); // shut out at the next request on this node, not a moment later
        List<UUID> tokens = jdbc.sql("SELECT id FROM api_token WHERE created_by = ? AND revoked_at IS NULL").param(staffId)
                .query(UUID.class).list();
        for (UUID token : tokens) {
            jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").params(now, token).update();
        }
        String actor = AccessRequest.Actor.staff(staffId).typedId();
        audit.append(AuditEvent.allowed(by.typedId(), "lock-compromised", null, "staff", staffId.toString(), null, List.of()));
        for (UUID token : tokens) {
            audit.append(AuditEvent.allowed(by.typedId(), "revoke-token", null, "api-token", token.toString(), null, List.of()));
        }
        return new Lockout(actor, locked, tokens.size());
    }

    @Override
    @Transactional
    public Lockout lockToken(UUID tokenId, AccessRequest.Actor by) {
        if (jdbc.sql("SELECT COUNT(*) FROM api_token WHERE id = ?").param(tokenId).query(Long.class).single() == 0) {
            throw new AccessException("tokenId", "no such token");
        }
        int revoked = jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(clock.instant().atOffset(ZoneOffset.UTC), tokenId).update();
        audit.append(AuditEvent.allowed(by.typedId(), "revoke-token", null, "api-token", tokenId.toString(), null, List.of()));
        return new Lockout(AccessRequest.Actor.token(tokenId).typedId(), false, revoked);
    }
}
