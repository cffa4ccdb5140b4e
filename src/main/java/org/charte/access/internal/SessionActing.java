package org.charte.access.internal;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The signed-in member's account, brought by the read of their session: the query that reads a
 * session on every signed-in request ({@link SessionStore}) also reads the account of the session's
 * principal — enabled accounts only — and hands it over as one more attribute, {@link #ATTRIBUTE},
 * never stored: made by the query, never written back (the store writes only the attributes a request
 * sets, and nothing sets this one). {@link RequestActors} takes the member from it instead of reading
 * the account again: one round trip to the database fewer on every staff request, with the account as
 * it is at that request, as before (a member disabled on any node is refused from their next request).
 *
 * <p>The value is made by the database as UTF-8 text, one field a line: a version line, then id, login,
 * role, subcontractor id (empty when none), enrolled and demo (1 or 0), the grants stamp, and the display
 * name last (the rest of the text, whatever it holds). It cannot be mistaken for a stored attribute:
 * those are Java-serialised, and begin with {@code AC ED}.
 */
final class SessionActing {

    /** The attribute's name. */
    static final String ATTRIBUTE = "org.charte.access.acting";

    private static final String VERSION = "charte-acting/1";
    private static final byte[] PREFIX = (VERSION + "\n").getBytes(StandardCharsets.US_ASCII);

    private SessionActing() {}

    /** The text of the account's fields as the database makes it, in SQL both PostgreSQL and H2 take. */
    private static final String TEXT = "'" + VERSION + "' || CHR(10) || CAST(a.id AS VARCHAR) || CHR(10) || a.login || CHR(10) || a.role"
            + " || CHR(10) || COALESCE(CAST(a.subcontractor_id AS VARCHAR), '') || CHR(10)"
            + " || CASE WHEN a.totp_secret IS NULL THEN '0' ELSE '1' END || CHR(10) || CASE WHEN a.demo THEN '1' ELSE '0' END"
            + " || CHR(10) || CAST(a.grants_stamp AS VARCHAR) || CHR(10) || COALESCE(a.display_name, '')";

    /**
     * Spring Session's query of a session by id (its rows, one per attribute) and, in the same
     * statement, the row of this attribute when the session's principal is an enabled member of staff.
     */
    static String sessionQuery(boolean postgres) {
        return query(postgres, "SESSION_ID = ?");
    }

    /**
     * The same for several sessions at once: their ids in one array parameter ({@link SessionReads}); the
     * rows of each session carry its id (the second column).
     */
    static String sessionsQuery(boolean postgres) {
        return query(postgres, "SESSION_ID = ANY(?)");
    }

    private static String query(boolean postgres, String which) {
        String bytes = postgres ? "convert_to(" + TEXT + ", 'UTF8')" : "STRINGTOUTF8(" + TEXT + ")";
        return "WITH S AS (SELECT PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL, PRINCIPAL_NAME"
                + " FROM %TABLE_NAME% WHERE " + which + ")"
                + " SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL, SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES"
                + " FROM S LEFT JOIN %TABLE_NAME%_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID"
                + " UNION ALL"
                + " SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL, '" + ATTRIBUTE + "', " + bytes
                + " FROM S JOIN staff_account a ON a.login = S.PRINCIPAL_NAME WHERE a.disabled_at IS NULL";
    }

    /** Whether these attribute bytes are this attribute's (and not a Java-serialised value). */
    static boolean is(byte[] bytes) {
        return bytes.length > PREFIX.length && Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The member and their grants stamp, from the bytes the query made. */
    static StaffAccounts.Acting decode(byte[] bytes) {
        String[] f = new String(bytes, PREFIX.length, bytes.length - PREFIX.length, StandardCharsets.UTF_8).split("\n", 8);
        if (f.length != 8) {
            throw new IllegalStateException("the session's account attribute has " + f.length + " fields, not 8");
        }
        StaffMember member = new StaffMember(UUID.fromString(f[0]), f[1], f[7], f[2], f[3].isEmpty() ? null : UUID.fromString(f[3]),
                "1".equals(f[4]), "1".equals(f[5]));
        return new StaffAccounts.Acting(member, Long.parseLong(f[6]));
    }

    /** The account the current request's session brought, if it is the account of this login. */
    static Optional<StaffAccounts.Acting> of(String login) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return Optional.empty();
        }
        HttpSession session = servlet.getRequest().getSession(false);
        @Nullable Object value = session == null ? null : session.getAttribute(ATTRIBUTE);
        return value instanceof StaffAccounts.Acting acting && acting.member().login().equals(login) ? Optional.of(acting) : Optional.empty();
    }
}
