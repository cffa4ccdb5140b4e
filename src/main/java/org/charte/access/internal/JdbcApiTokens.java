package org.charte.access.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.common.Ids;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Tokens are 256 random bits; only their SHA-256 is stored, so a database copy reveals none. */
@Service
class JdbcApiTokens implements ApiTokens {

    static final String PREFIX = "charte_";

    private final JdbcClient jdbc;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;
    private final LastUseTouch lastUse;
    private final SecureRandom random = new SecureRandom();

    JdbcApiTokens(JdbcClient jdbc, Policy policy, Ids ids, Clock clock, @Value("${charte.access.token-touch:PT30S}") Duration lastUseEvery) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.lastUse = new LastUseTouch(lastUseEvery);
    }

    @Override
    public Issued issue(String name, String role, Set<String> scopes, @Nullable Instant expiresAt, UUID createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new AccessException("name", "a token has a name of 1 to 100 characters");
        }
        AccessInputs.line("name", name, 100);
        AccessInputs.line("role", role, StaffAccounts.MAX_ROLE);
        AccessInputs.instant("expiresAt", expiresAt);
        if (policy.role(role == null ? "" : role).isEmpty()) {
            throw new AccessException("role", AccessRules.named(role) + " is not a role of the policy");
        }
        if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(scope -> scope == null || !SCOPES.contains(scope))) {
            throw new AccessException("scopes", "scopes are some of " + String.join(", ", new TreeSet<>(SCOPES)));
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new AccessException("expiresAt", "a token must expire in the future");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO api_token (id, name, token_hash, role, scopes, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, name.strip(), hash(secret), role, String.join(",", new TreeSet<>(scopes)), createdBy,
                        clock.instant().atOffset(ZoneOffset.UTC), expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
                .update();
        return new Issued(find(id).orElseThrow(), secret);
    }

    @Override
    public Token revoke(UUID id) {
        find(id).orElseThrow(() -> new AccessException("id", "no such token"));
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Token> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Token> token = jdbc.sql(SELECT + " WHERE token_hash = ?").param(hash(secret)).query(this::row).optional()
                .filter(t -> t.revokedAt() == null && (t.expiresAt() == null || t.expiresAt().isAfter(now)));
        // The last use is written only once it moved by the touch interval (not a commit per API call); the
        // condition keeps two nodes from both writing it for the same moment.
        token.filter(t -> lastUse.due(t.lastUsedAt(), now)).ifPresent(t -> jdbc.sql(
                        "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(now.atOffset(ZoneOffset.UTC), t.id(), lastUse.dueIfBefore(now).atOffset(ZoneOffset.UTC)).update());
        return token;
    }

    @Override
    public List<Token> all() {
        return jdbc.sql(SELECT + " ORDER BY created_at DESC").query(this::row).list();
    }

    @Override
    public Optional<Token> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional();
    }

    private static final String SELECT = "SELECT id, name, role, scopes, created_by, created_at, expires_at, revoked_at, last_used_at FROM api_token";

    private Token row(ResultSet rs, int n) throws SQLException {
        return new Token(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role"),
                Set.copyOf(Arrays.asList(rs.getString("scopes").split(","))), rs.getObject("created_by", UUID.class),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
