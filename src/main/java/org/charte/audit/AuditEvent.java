package org.charte.audit;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One access to record: who did what to which resource, for which purpose, and whether it was
 * allowed. Only ids and codes: never a name, an e-mail or any other personal data. The actor
 * must be a typed id and the codes lower-case codes, so a login or an address cannot slip in.
 *
 * @param actor        a typed id: {@code staff:<uuid>}, {@code token:<uuid>}, {@code subject:<uuid>} (any
 *                     {@code kind:<uuid>}) or {@code system}
 * @param action       a code: {@code read}, {@code write}, {@code export}, {@code reveal-credentials}, {@code sign-in}, ...
 * @param purpose      the policy purpose the access was made for, if any
 * @param resourceType what was reached, e.g. {@code subject}, {@code hosted-database}, {@code audit-log}
 * @param resourceId   which one, if it has an id
 * @param subjectId    the person whose data it is, if any
 * @param categories   the policy data categories reached (codes)
 * @param outcome      allowed or denied
 * @param reason       a machine-readable code or short English phrase, e.g. "no grant covers this subject"
 */
public record AuditEvent(String actor, String action, @Nullable String purpose, String resourceType,
        @Nullable String resourceId, @Nullable UUID subjectId, List<String> categories, AuditOutcome outcome,
        @Nullable String reason) {

    /** Column widths of the audit table; a longer value is refused here rather than failing a whole batch. */
    static final int CODE_MAX = 100;
    static final int RESOURCE_ID_MAX = 200;
    static final int REASON_MAX = 500;
    static final int CATEGORIES_MAX = 2000;

    /**
     * What an actor looks like: {@code system}, or {@code kind:<uuid>} with a kind of lower-case letters and
     * hyphens starting with a letter and a UUID in lower-case hex (the regular expression
     * {@code system|[a-z][a-z-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}, checked by hand:
     * every audit entry passes here, and a regular expression's matcher cost a read of a person ~2 % of its time).
     */
    static boolean isActor(String value) {
        if (value.equals("system")) {
            return true;
        }
        int colon = value.indexOf(':');
        if (colon < 1 || value.length() != colon + 37 || !isLetter(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = value.charAt(i);
            if (!isLetter(c) && c != '-') {
                return false;
            }
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(colon + 1 + i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !(isDigit(c) || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A code as the policy file writes them ({@code customer-service}, {@code hosted-credentials}, {@code read}): {@code [a-z0-9][a-z0-9._-]*}. */
    static boolean isCode(String value) {
        if (value.isEmpty() || !(isLetter(value.charAt(0)) || isDigit(value.charAt(0)))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public AuditEvent {
        actor = required("actor", actor, CODE_MAX);
        if (!isActor(actor)) {
            throw new IllegalArgumentException("actor must be a typed id such as staff:<uuid>, or system");
        }
        action = code("action", required("action", action, CODE_MAX));
        purpose = purpose == null ? null : code("purpose", optional("purpose", purpose, CODE_MAX));
        resourceType = code("resourceType", required("resourceType", resourceType, CODE_MAX));
        resourceId = optional("resourceId", resourceId, RESOURCE_ID_MAX);
        Objects.requireNonNull(outcome, "outcome");
        reason = optional("reason", reason, REASON_MAX);
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        int joined = Math.max(0, categories.size() - 1); // the commas between them
        for (String category : categories) {
            joined += code("category", required("category", category, CODE_MAX)).length(); // so never a comma: they are stored comma-joined
        }
        if (joined > CATEGORIES_MAX) {
            throw new IllegalArgumentException("the categories are longer than " + CATEGORIES_MAX + " characters together");
        }
    }

    /** An allowed access. */
    public static AuditEvent allowed(String actor, String action, @Nullable String purpose, String resourceType,
            @Nullable String resourceId, @Nullable UUID subjectId, List<String> categories) {
        return new AuditEvent(actor, action, purpose, resourceType, resourceId, subjectId, categories, AuditOutcome.ALLOWED, null);
    }

    /** A refused access, with the reason the decision point gave. */
    public static AuditEvent denied(String actor, String action, @Nullable String purpose, String resourceType,
            @Nullable String resourceId, @Nullable UUID subjectId, List<String> categories, String reason) {
        return new AuditEvent(actor, action, purpose, resourceType, resourceId, subjectId, categories, AuditOutcome.DENIED, reason);
    }

    /** The message never repeats the value: it might be just the personal data that must not get in. */
    private static String code(String name, String value) {
        if (!isCode(value)) {
            throw new IllegalArgumentException(name + " must be a lower-case code such as customer-service");
        }
        return value;
    }

    private static String required(String name, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return checked(name, value, max);
    }

    private static @Nullable String optional(String name, @Nullable String value, int max) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must be absent (null) or not blank");
        }
        return value == null ? null : checked(name, value, max);
    }

    private static String checked(String name, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) { // U+0000–U+001F and U+007F–U+009F: no surrogate is one
                throw new IllegalArgumentException(name + " must not contain control characters");
            }
        }
        return value;
    }
}
