package org.charte.cookies.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.charte.common.InputChecks;
import org.springframework.stereotype.Component;

/**
 * Exempt audience measurement counts visitors without an identifier that lasts (L8): a visitor is an
 * HMAC-SHA-256 of the site, the address and the User-Agent under the day's random salt, which changes
 * at midnight in Paris and whose predecessors (any other day's) are deleted as soon as a new day's salt is made. The
 * salt lives in the database (every node counts the same visitor once) and nowhere else; the address
 * and User-Agent are never kept with the hash. Tomorrow the same person is another visitor.
 */
@Component
class VisitorHashes {

    /**
     * The day's salt, with an HMAC keyed by it that each hash clones (a Mac is not thread-safe; cloning a keyed one
     * costs less than finding and keying a new one). Only the day's is held: no thread keeps a copy of an older salt.
     */
    private record Salt(LocalDate day, byte[] salt, Mac keyed) {}

    private final JdbcNavigation rows;
    private final InputChecks checks;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Salt> current = new AtomicReference<>();

    VisitorHashes(JdbcNavigation rows, InputChecks checks) {
        this.rows = rows;
        this.checks = checks;
    }

    /** The day's hash of this visitor on this site: 32 hexadecimal digits. */
    String visitor(String site, String address, String userAgent) {
        LocalDate today = checks.today();
        Salt salt = current.get();
        if (salt == null || !salt.day().equals(today)) {
            salt = today(today);
        }
        byte[] hash = mac(salt).doFinal((site + '\n' + address + '\n' + userAgent).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    /** The day's salt, fetched once by this node however many of the day's first views come at once. */
    private synchronized Salt today(LocalDate today) {
        Salt salt = current.get();
        if (salt == null || !salt.day().equals(today)) {
            salt = keyed(today, saltOf(today));
            current.set(salt);
        }
        return salt;
    }

    private static Mac mac(Salt salt) {
        try {
            return (Mac) salt.keyed().clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned in this JVM", e);
        }
    }

    private static Salt keyed(LocalDate day, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return new Salt(day, salt, mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JVM", e);
        }
    }

    private byte[] saltOf(LocalDate day) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        byte[] salt = rows.salt(day, fresh);
        rows.forgetSaltsBut(day);
        return salt;
    }
}
