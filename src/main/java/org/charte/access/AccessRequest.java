package org.charte.access;

import java.util.Set;
import java.util.UUID;

/**
 * One attempt to touch personal data: who, for which purpose, doing what, to which categories
 * of data, of which resource. Every module asks the decision point with one of these.
 */
public record AccessRequest(Actor actor, String purpose, Action action, Set<String> categories, ResourceRef resource) {

    /**
     * What is done. {@code CREATE} records data that did not exist (a new person, a new order):
     * it needs the role's purpose and categories but no grant, since there is nothing yet to grant.
     */
    public enum Action { READ, WRITE, CREATE, EXPORT, REVEAL_CREDENTIALS }

    /** Who acts: a member of staff (signed in), or an integration (API token). */
    public record Actor(Kind kind, UUID id) {

        public enum Kind { STAFF, TOKEN }

        public static Actor staff(UUID id) {
            return new Actor(Kind.STAFF, id);
        }

        public static Actor token(UUID id) {
            return new Actor(Kind.TOKEN, id);
        }

        /** The typed id the audit log records: {@code staff:<uuid>} or {@code token:<uuid>}. */
        public String typedId() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }

    public AccessRequest {
        categories = Set.copyOf(categories);
    }

    /** A member of staff's request. */
    public AccessRequest(UUID staffId, String purpose, Action action, Set<String> categories, ResourceRef resource) {
        this(Actor.staff(staffId), purpose, action, categories, resource);
    }

    public UUID actorId() {
        return actor.id();
    }
}
