package org.charte.rights.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.charte.rights.internal.RightsRequests.Verification;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time codes that prove a person controls the e-mail address they gave (R9.6): six digits,
 * valid 10 minutes, 3 attempts, then a new code is needed. Only a keyed hash of the code (bound to
 * its request) is kept, and it is compared in constant time.
 */
@Component
class VerificationCodes {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    static final int ATTEMPTS = 3;
    /** The most codes one request may be sent: enough for mistakes, not for mail-bombing an address. */
    static final int MOST_CODES = 5;

    private final JdbcClient jdbc;
    private final Vault vault;
    private final RequestStore store;
    private final SecureRandom random = new SecureRandom();

    VerificationCodes(JdbcClient jdbc, Vault vault, RequestStore store) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.store = store;
    }

    /** A new code for the request, replacing any earlier one; null when the request has had its share of codes. */
    @Nullable String issue(UUID requestId) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        OffsetDateTime now = store.nowUtc();
        Integer issued = jdbc.sql("SELECT issued FROM rights_verification_code WHERE request_id = ?").param(requestId)
                .query(Integer.class).optional().orElse(null);
        if (issued == null) {
            jdbc.sql("INSERT INTO rights_verification_code (request_id, code_hash, issued_at, expires_at, attempts, issued) VALUES (?, ?, ?, ?, 0, 1)")
                    .params(requestId, hash(requestId, code), now, now.plus(VALIDITY)).update();
        } else if (issued >= MOST_CODES) {
            return null;
        } else {
            jdbc.sql("UPDATE rights_verification_code SET code_hash = ?, issued_at = ?, expires_at = ?, attempts = 0, issued = issued + 1, used_at = NULL "
                    + "WHERE request_id = ?").params(hash(requestId, code), now, now.plus(VALIDITY), requestId).update();
        }
        return code;
    }

    /** Checks a code: every attempt counts, a right one is used up. */
    Verification check(UUID requestId, String typed) {
        record Row(String hash, OffsetDateTime expiresAt, int attempts, boolean used) {}
        Row row = jdbc.sql("SELECT code_hash, expires_at, attempts, used_at FROM rights_verification_code WHERE request_id = ? FOR UPDATE")
                .param(requestId).query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getInt(3),
                        rs.getObject(4) != null)).optional().orElse(null);
        if (row == null || row.used()) {
            return Verification.NOT_AWAITED;
        }
        if (row.attempts() >= ATTEMPTS) {
            return Verification.NO_ATTEMPTS_LEFT;
        }
        jdbc.sql("UPDATE rights_verification_code SET attempts = attempts + 1 WHERE request_id = ?").param(requestId).update();
        // Hashed and compared whatever the input, in constant time: a wrong code takes as long as a right one.
        String normalised = typed == null ? "" : typed.strip();
        boolean matches = MessageDigest.isEqual(row.hash().getBytes(StandardCharsets.US_ASCII),
                hash(requestId, normalised).getBytes(StandardCharsets.US_ASCII));
        if (!store.nowUtc().isBefore(row.expiresAt())) {
            return Verification.EXPIRED;
        }
        if (!matches) {
            return row.attempts() + 1 >= ATTEMPTS ? Verification.NO_ATTEMPTS_LEFT : Verification.WRONG_CODE;
        }
        jdbc.sql("UPDATE rights_verification_code SET used_at = ? WHERE request_id = ?").params(store.nowUtc(), requestId).update();
        return Verification.VERIFIED;
    }

    private String hash(UUID requestId, String code) {
        return vault.blindIndex("rights-code", requestId + ":" + code);
    }
}
