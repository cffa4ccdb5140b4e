package org.charte.access.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessException;
import org.charte.access.AdministratorEnrolment;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator of a database and their one-time enrolment link: only the link's
 * SHA-256 is stored; it expires after {@link AdministratorEnrolment#VALIDITY_HOURS} hours and is
 * used once, when the administrator sets their password (the second factor follows at once).
 */
@Service
class EnrolmentLinks implements AdministratorEnrolment {

    static final String ROLE = "administrator";
    /** A link's secret as we make them: 43 base64url characters (32 random bytes). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Duration VALIDITY = Duration.ofHours(VALIDITY_HOURS);

    private final JdbcClient jdbc;
    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EnrolmentLinks(JdbcClient jdbc, StaffAccounts accounts, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Enrolment createAdministrator(String login, String displayName) {
        String wanted = login == null ? "" : login.strip();
        if (loginExists(wanted)) {
            throw new AccessException("login", "login '" + wanted + "' exists already");
        }
        // No usable password until the link is followed: a random one nobody ever sees.
        StaffMember member = accounts.create(new StaffDirectory.NewStaff(wanted, displayName, ROLE, secret()));
        audit.append(new AuditEvent("system", "create-administrator", null, "staff", member.id().toString(), null, List.of(),
                AuditOutcome.ALLOWED, "enrolment link issued, valid " + VALIDITY_HOURS + " hours"));
        return issue(member);
    }

    @Override
    @Transactional
    public Enrolment newLink(String login) {
        StaffMember member = accounts.find(login == null ? "" : login.strip())
                .orElseThrow(() -> new AccessException("login", "no such account"));
        if (member.enrolled()) {
            throw new AccessException("login", "this account has enrolled its second factor already: it signs in as usual");
        }
        jdbc.sql("UPDATE staff_enrolment_link SET expires_at = ? WHERE staff_id = ? AND used_at IS NULL AND expires_at > ?")
                .params(at(clock.instant()), member.id(), at(clock.instant())).update();
        audit.append(new AuditEvent("system", "enrolment-link", null, "staff", member.id().toString(), null, List.of(),
                AuditOutcome.ALLOWED, "new enrolment link issued, valid " + VALIDITY_HOURS + " hours; earlier ones ended"));
        return issue(member);
    }

    private Enrolment issue(StaffMember member) {
        String token = secret();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(VALIDITY);
        jdbc.sql("INSERT INTO staff_enrolment_link (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(token), member.id(), at(now), at(expiresAt)).update();
        return new Enrolment(member.id(), member.login(), token, expiresAt);
    }

    @Override
    public boolean loginExists(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account WHERE login = ?").param(login).query(Long.class).single() > 0;
    }

    @Override
    public boolean administratorExists() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account WHERE role = ? AND disabled_at IS NULL").param(ROLE)
                .query(Long.class).single() > 0;
    }

    /** The account a link opens, while it is unused and unexpired. */
    Optional<StaffMember> usable(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT staff_id FROM staff_enrolment_link WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(hash(token), at(clock.instant())).query(UUID.class).optional().flatMap(accounts::find);
    }

    /** Uses the link once: sets the account's password. Empty when the link was used, has expired or is unknown. */
    @Transactional
    Optional<StaffMember> complete(String token, String password) {
        Optional<StaffMember> member = usable(token);
        if (member.isEmpty()) {
            return member;
        }
        int used = jdbc.sql("UPDATE staff_enrolment_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(at(clock.instant()), hash(token), at(clock.instant())).update();
        if (used != 1) {
            return Optional.empty(); // followed twice at once: the first one wins
        }
        jdbc.sql("UPDATE staff_account SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?")
                .params(passwords.encode(password), member.get().id()).update();
        audit.append(new AuditEvent("staff:" + member.get().id(), "enrolment-link", null, "staff", member.get().id().toString(), null,
                List.of(), AuditOutcome.ALLOWED, "password set through the one-time link"));
        return member;
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
