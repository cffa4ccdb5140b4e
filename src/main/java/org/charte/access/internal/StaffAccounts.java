package org.charte.access.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.Totp;
import org.charte.common.Ids;
import org.charte.common.UrlRules;
import org.charte.policy.Policy;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts, their password and second factor, and the lock-out after repeated failures. */
@Service
class StaffAccounts implements StaffDirectory, UserDetailsService {

    /** Failures (password or code) before the account locks, and for how long. */
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    static final int MIN_PASSWORD = 12;
    /** Hashing a longer password would only cost time; the columns' sizes: {@code staff_account.display_name}, {@code role}. */
    static final int MAX_PASSWORD = 200;
    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_ROLE = 64;
    /** The authority of a session that has passed the password but not yet the second factor. */
    static final String PASSWORD_ONLY = "FACTOR_PASSWORD";

    /** How long the failures of a login that matches no account are remembered after the last one. */
    static final Duration FORGET_UNKNOWN = Duration.ofDays(1);

    private volatile @Nullable String unknownLoginHash;

    private static final String COLUMNS = "id, login, display_name, role, subcontractor_id, totp_secret IS NOT NULL AS enrolled, demo";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Policy policy;
    private final Vault vault;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, Policy policy, Vault vault, Ids ids, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.policy = policy;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** An account was created, in the transaction that created it (heard within the access module: {@link JdbcGrants}). */
    record AccountCreated(StaffMember member) {}

    private static StaffMember member(ResultSet rs, int row) throws SQLException {
        return new StaffMember(rs.getObject("id", UUID.class), rs.getString("login"), rs.getString("display_name"),
                rs.getString("role"), rs.getObject("subcontractor_id", UUID.class), rs.getBoolean("enrolled"), rs.getBoolean("demo"));
    }

    @Override
    @Transactional
    public StaffMember create(NewStaff staff) {
        String login = staff.login() == null ? "" : staff.login().strip();
        if (!login.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new AccessException("login", "a login is 2 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
        if (staff.displayName() == null || staff.displayName().isBlank()) {
            throw new AccessException("displayName", "a name is required");
        }
        AccessInputs.line("displayName", staff.displayName(), MAX_DISPLAY_NAME);
        AccessInputs.line("role", staff.role(), MAX_ROLE);
        if (staff.password() != null && staff.password().length() > MAX_PASSWORD) {
            throw new AccessException("password", "a password has at most " + MAX_PASSWORD + " characters");
        }
        var role = policy.role(staff.role() == null ? "" : staff.role())
                .orElseThrow(() -> new AccessException("role", AccessRules.named(staff.role()) + " is not a role of the policy"));
        if (staff.password() == null || staff.password().length() < MIN_PASSWORD) {
            throw new AccessException("password", "a password has at least " + MIN_PASSWORD + " characters");
        }
        boolean subcontractorRole = role.kind() == Policy.RoleKind.SUBCONTRACTOR;
        if (subcontractorRole && staff.subcontractorId() == null) {
            throw new AccessException("subcontractorId", "a " + role.id() + " account belongs to a subcontractor");
        }
        if (!subcontractorRole && staff.subcontractorId() != null) {
            throw new AccessException("subcontractorId", "only subcontractor roles belong to a subcontractor");
        }
        if (staff.subcontractorId() != null) {
            String subcontractorRoleOf = jdbc.sql("SELECT role FROM subcontractor WHERE id = ?").param(staff.subcontractorId())
                    .query(String.class).optional()
                    .orElseThrow(() -> new AccessException("subcontractorId", "no such subcontractor"));
            if (!subcontractorRoleOf.equals(role.id())) {
                throw new AccessException("role", "this subcontractor's users have the role " + subcontractorRoleOf);
            }
        }
        if (find(login).isPresent()) {
            throw new AccessException("login", "this login is taken");
        }
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO staff_account (id, login, display_name, role, password_hash, created_at, subcontractor_id, demo)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, login, staff.displayName().strip(), role.id(), passwords.encode(staff.password()),
                        now(), staff.subcontractorId(), staff.demo())
                .update();
        StaffMember created = find(id).orElseThrow();
        events.publishEvent(new AccountCreated(created));
        return created;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    @Override
    public void enrolDemo(String login, byte[] totpSecret) {
        StaffMember member = find(login).filter(StaffMember::demo)
                .orElseThrow(() -> new AccessException("login", "only demo accounts are enrolled this way"));
        storeSecret(member.id(), totpSecret, 0);
    }

    @Override
    public String demoSecret(String login) {
        return Totp.base32(demoSecretBytes(login));
    }

    @Override
    public String demoCode(String login) {
        return Totp.code(demoSecretBytes(login), Totp.step(clock.instant()));
    }

    private byte[] demoSecretBytes(String login) {
        StaffMember member = find(login).orElseThrow(() -> new AccessException("login", "no such account"));
        if (!member.demo()) {
            throw new AccessException("login", "codes are only shown for demo accounts");
        }
        return secret(member.id()).orElseThrow(() -> new AccessException("login", "this account has no second factor yet"));
    }

    void storeSecret(UUID id, byte[] secret, long usedStep) {
        jdbc.sql("UPDATE staff_account SET totp_secret = ?, totp_last_step = ? WHERE id = ?")
                .params(vault.sealSecret("totp:" + id, secret), usedStep, id).update();
    }

    Optional<byte[]> secret(UUID id) {
        return jdbc.sql("SELECT totp_secret FROM staff_account WHERE id = ?").param(id).query((rs, n) -> rs.getBytes(1))
                .optional().filter(b -> b != null).map(sealed -> vault.openSecret("totp:" + id, sealed));
    }

    /** Checks a second-factor code; a code is used once. Failures count towards the lock-out. */
    @Transactional
    boolean verifyCode(UUID id, String code) {
        byte[] secret = secret(id).orElse(null);
        long last = jdbc.sql("SELECT totp_last_step FROM staff_account WHERE id = ?").param(id).query(Long.class).single();
        OptionalLong step = secret == null ? OptionalLong.empty() : Totp.verify(secret, code, clock.instant(), last);
        if (step.isEmpty()) {
            recordFailure(id);
            return false;
        }
        jdbc.sql("UPDATE staff_account SET totp_last_step = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?")
                .params(step.getAsLong(), id).update();
        return true;
    }

    /** Confirms enrolment with a first code from the new secret. */
    @Transactional
    boolean enrol(UUID id, byte[] secret, String code) {
        OptionalLong step = Totp.verify(secret, code, clock.instant(), 0);
        if (step.isEmpty()) {
            recordFailure(id);
            return false;
        }
        storeSecret(id, secret, step.getAsLong());
        jdbc.sql("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL WHERE id = ?").param(id).update();
        return true;
    }

    /**
     * A failed password step. On a login that matches no account the failure is counted all the
     * same, under a keyed hash of the login, so that an unknown login locks after as many failures
     * as a real one and the form's answers never tell which logins exist (R8.3). Such counts are
     * forgotten a day after their last failure once no lock is running.
     */
    @Transactional
    void recordFailure(String login) {
        Optional<StaffMember> member = find(login);
        if (member.isPresent()) {
            recordFailure(member.get().id());
            return;
        }
        String hash = loginHash(login);
        OffsetDateTime now = now();
        jdbc.sql("DELETE FROM sign_in_failure WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)")
                .params(now.minus(FORGET_UNKNOWN), now).update();
        int failures = jdbc.sql("SELECT failed_attempts FROM sign_in_failure WHERE login_hash = ?").param(hash)
                .query(Integer.class).optional().orElse(0) + 1;
        Instant lockedUntil = failures >= MAX_FAILURES ? clock.instant().plus(LOCK) : null;
        int kept = lockedUntil == null ? failures : 0;
        OffsetDateTime until = lockedUntil == null ? null : lockedUntil.atOffset(ZoneOffset.UTC);
        if (jdbc.sql("UPDATE sign_in_failure SET failed_attempts = ?, locked_until = ?, last_failure_at = ? WHERE login_hash = ?")
                .params(kept, until, now, hash).update() == 0) {
            jdbc.sql("INSERT INTO sign_in_failure (login_hash, failed_attempts, locked_until, last_failure_at) VALUES (?, ?, ?, ?)")
                    .params(hash, kept, until, now).update();
        }
    }

    private boolean unknownLoginLocked(String login) {
        OffsetDateTime until = jdbc.sql("SELECT locked_until FROM sign_in_failure WHERE login_hash = ?").param(loginHash(login))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional().orElse(null);
        return until != null && until.toInstant().isAfter(clock.instant());
    }

    private String loginHash(String login) {
        return vault.blindIndex("sign-in-login", login);
    }

    /**
     * The hash an unknown login's password is checked against: Argon2id runs for every login, so
     * the time of the answer does not tell either. Made from a random secret nobody knows.
     */
    private String unknownLoginHash() {
        String hash = unknownLoginHash;
        if (hash == null) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            hash = passwords.encode(HexFormat.of().formatHex(secret));
            unknownLoginHash = hash;
        }
        return hash;
    }

    void recordFailure(UUID id) {
        int failures = jdbc.sql("SELECT failed_attempts FROM staff_account WHERE id = ?").param(id).query(Integer.class).single() + 1;
        Instant lockedUntil = failures >= MAX_FAILURES ? clock.instant().plus(LOCK) : null;
        jdbc.sql("UPDATE staff_account SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                .params(lockedUntil == null ? failures : 0, lockedUntil == null ? null : lockedUntil.atOffset(ZoneOffset.UTC), id)
                .update();
    }

    boolean locked(UUID id) {
        OffsetDateTime until = jdbc.sql("SELECT locked_until FROM staff_account WHERE id = ?").param(id)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional().orElse(null);
        return until != null && until.toInstant().isAfter(clock.instant());
    }

    /** The authority that names a policy role in Spring Security ("cloud-support" gives ROLE_CLOUD_SUPPORT). */
    static String roleAuthority(String role) {
        return "ROLE_" + UrlRules.roleName(role);
    }

    @Override
    public Optional<StaffMember> find(String login) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE login = ? AND disabled_at IS NULL").param(login)
                .query(StaffAccounts::member).optional();
    }

    /** A member acting in a request, with the stamp of their grants as the same read found it ({@link GrantCopies}). */
    record Acting(StaffMember member, long grantsStamp) {}

    /** The member signed in under this login, if the account is still enabled, with their grants stamp: one read. */
    Optional<Acting> acting(String login) {
        return jdbc.sql("SELECT " + COLUMNS + ", grants_stamp FROM staff_account WHERE login = ? AND disabled_at IS NULL").param(login)
                .query((rs, n) -> new Acting(member(rs, n), rs.getLong("grants_stamp"))).optional();
    }

    /** Whether the account with this login was disabled (a login no account has is not). */
    boolean disabled(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account WHERE login = ? AND disabled_at IS NOT NULL").param(login)
                .query(Long.class).single() > 0;
    }

    @Override
    public Optional<StaffMember> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE id = ?").param(id).query(StaffAccounts::member).optional();
    }

    @Override
    public List<StaffMember> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account ORDER BY login").query(StaffAccounts::member).list();
    }

    /** The accounts of a role that may still sign in (not disabled), by login. */
    List<StaffMember> enabledWithRole(String role) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE role = ? AND disabled_at IS NULL ORDER BY login").param(role)
                .query(StaffAccounts::member).list();
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();
    }

    /** The password step: a successful one gives only the right to enter the second factor. */
    @Override
    public UserDetails loadUserByUsername(String login) {
        record Row(UUID id, String login, String hash) {}
        Row row = jdbc.sql("SELECT id, login, password_hash FROM staff_account WHERE login = ? AND disabled_at IS NULL")
                .param(login)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("login"), rs.getString("password_hash")))
                .optional().orElse(null);
        if (row == null) {
            // No such account: the same checks, the same Argon2id work, the same lock-out; the password can never
            // match (the hash is of a secret nobody knows), and expired credentials would stop it even then.
            return User.withUsername(login.isEmpty() ? "-" : login).password(unknownLoginHash()).accountLocked(unknownLoginLocked(login))
                    .credentialsExpired(true).authorities(new SimpleGrantedAuthority(PASSWORD_ONLY)).build();
        }
        return User.withUsername(row.login()).password(row.hash()).accountLocked(locked(row.id()))
                .authorities(new SimpleGrantedAuthority(PASSWORD_ONLY)).build();
    }
}
