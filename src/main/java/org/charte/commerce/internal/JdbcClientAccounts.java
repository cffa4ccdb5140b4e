package org.charte.commerce.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.commerce.ClientAccount;
import org.charte.commerce.ClientAccounts;
import org.charte.commerce.UnknownRecordException;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The password goes through the application's PasswordEncoder (Argon2id) and nowhere else. */
@Service
class JdbcClientAccounts implements ClientAccounts {

    static final String PURPOSE = "subscription-contract";
    static final String ACCESS_CODE = "client-account.access-code";
    private static final String ACCESS_CODE_PATTERN = "[A-Za-z0-9._-]{6,40}";

    private final JdbcClient jdbc;
    private final Checks checks;
    private final InputChecks inputs;
    private final Sealed sealed;
    private final PasswordEncoder passwords;
    /** Compared against when no account matches, so a wrong access code takes as long as a wrong password. */
    private final String decoy;

    JdbcClientAccounts(JdbcClient jdbc, Checks checks, InputChecks inputs, Sealed sealed, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.inputs = inputs;
        this.sealed = sealed;
        this.passwords = passwords;
        this.decoy = passwords.encode("no account has this password " + UUID.randomUUID());
    }

    @Override
    @Transactional
    public ClientAccount open(Actor actor, UUID subjectId, @Nullable String accessCode, @Nullable String password) {
        List<FieldError> errors = new ArrayList<>();
        if (accessCode == null || !accessCode.matches(ACCESS_CODE_PATTERN)) {
            errors.add(new FieldError("accessCode", "must be 6 to 40 letters, digits, '.', '-' or '_'"));
        }
        if (password == null || password.length() < 12 || password.length() > 128) {
            errors.add(new FieldError("password", "must be 12 to 128 characters"));
        }
        InputChecks.throwIfAny(errors);
        checks.subjectExists(subjectId);
        checks.require(actor, PURPOSE, Action.CREATE, Set.of("account-credentials"), subjectId);
        if (jdbc.sql("SELECT COUNT(*) FROM client_account WHERE subject_id = ?").param(subjectId).query(Long.class).single() > 0) {
            throw new InvalidInputException("subjectId", "this person already has an account");
        }
        String index = index(accessCode);
        if (jdbc.sql("SELECT COUNT(*) FROM client_account WHERE access_code_index = ?").param(index).query(Long.class).single() > 0) {
            throw new InvalidInputException("accessCode", "is already taken");
        }
        OffsetDateTime now = inputs.now();
        jdbc.sql("""
                INSERT INTO client_account (subject_id, access_code, access_code_index, password_hash, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(subjectId, sealed.text(subjectId, ACCESS_CODE, subjectId, accessCode), index, passwords.encode(password), now, now)
                .update();
        return load(subjectId);
    }

    @Override
    public ClientAccount find(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, Set.of("account-credentials"), subjectId);
        return load(subjectId);
    }

    @Override
    public Optional<UUID> authenticate(String accessCode, String password) {
        record Row(UUID subjectId, String hash) {}
        Optional<Row> row = accessCode == null || !accessCode.matches(ACCESS_CODE_PATTERN) ? Optional.empty()
                : jdbc.sql("SELECT subject_id, password_hash FROM client_account WHERE access_code_index = ?").param(index(accessCode))
                        .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2))).optional();
        boolean matches = passwords.matches(password == null ? "" : password, row.map(Row::hash).orElse(decoy));
        return matches ? row.map(Row::subjectId) : Optional.empty();
    }

    /** Access codes are case-insensitive: found through the blind index of their lower-case form. */
    private String index(String accessCode) {
        return sealed.blindIndex("access-code", accessCode.toLowerCase(Locale.ROOT));
    }

    private ClientAccount load(UUID subjectId) {
        return jdbc.sql("SELECT access_code, created_at, password_changed_at FROM client_account WHERE subject_id = ?").param(subjectId)
                .query((rs, n) -> new ClientAccount(subjectId,
                        Objects.requireNonNull(sealed.openText(subjectId, ACCESS_CODE, subjectId, rs.getBytes("access_code"))),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("password_changed_at", OffsetDateTime.class).toInstant()))
                .optional().orElseThrow(() -> new UnknownRecordException("subjectId", "this person has no account"));
    }
}
