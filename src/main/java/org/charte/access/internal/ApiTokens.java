package org.charte.access.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Integration tokens (R8.3): the secret is shown once and kept only as a hash; scoped; revocable. */
public interface ApiTokens {

    record Token(UUID id, String name, String role, Set<String> scopes, UUID createdBy, Instant createdAt,
            @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {}

    /** A new token and its secret, which is never shown again. */
    record Issued(Token token, String secret) {}

    Issued issue(String name, String role, Set<String> scopes, @Nullable Instant expiresAt, UUID createdBy);

    Token revoke(UUID id);

    /**
     * The live token a secret belongs to: not revoked, not expired. Its last use is written when it moved
     * by at least {@code charte.access.token-touch} (30 s), not on every call ({@link LastUseTouch}).
     */
    Optional<Token> authenticate(String secret);

    List<Token> all();

    Optional<Token> find(UUID id);

    /**
     * The scopes a token may carry. {@code rights:write} files and cancels rights requests over
     * OpenDSR, {@code rights:read} reads their status: only those the token itself filed.
     * {@code retention:read} reads retention runs and forecasts, {@code retention:run} starts dry runs.
     * {@code metrics:read} reads the meters at {@code /actuator/prometheus} (the DPO's desk's counts among them).
     */
    Set<String> SCOPES = Set.of("policy:read", "subjects:read", "subjects:write", "audit:read", "rights:read", "rights:write",
            "retention:read", "retention:run", "metrics:read");

    /** The key of a scope's words in the bundles (L10): {@code audit:read} is worded by {@code tokens.scope.audit-read}. */
    static String wordsKey(String scope) {
        return "tokens.scope." + scope.replace(':', '-');
    }
}
