package org.charte.audit;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One access to record: who did what to which resource, for which purpose, and whether it was
 * allowed. Only ids and codes: never a name, an e-mail or any other personal data.
 *
 * @param actor        a typed id: {@code staff:<uuid>}, {@code token:<uuid>}, {@code subject:<uuid>} or {@code system}
 * @param action       a code: {@code read}, {@code write}, {@code export}, {@code reveal-credentials}, {@code sign-in}, ...
 * @param purpose      the policy purpose the access was made for, if any
 * @param resourceType what was reached, e.g. {@code subject}, {@code hosted-database}, {@code audit-log}
 * @param resourceId   which one, if it has an id
 * @param subjectId    the person whose data it is, if any
 * @param categories   the policy data categories reached (codes without commas)
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

    public AuditEvent {
        actor = required("actor", actor, CODE_MAX);
        action = required("action", action, CODE_MAX);
        purpose = optional("purpose", purpose, CODE_MAX);
        resourceType = required("resourceType", resourceType, CODE_MAX);
        resourceId = optional("resourceId", resourceId, RESOURCE_ID_MAX);
        Objects.requireNonNull(outcome, "outcome");
        reason = optional("reason", reason, REASON_MAX);
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        for (String category : categories) {
            required("category", category, CODE_MAX);
            if (category.indexOf(',') >= 0) {
                throw new IllegalArgumentException("a category is a code without commas: '" + category + "'");
            }
        }
        if (String.join(",", categories).length() > CATEGORIES_MAX) {
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
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must not contain control characters");
        }
        return value;
    }
}
