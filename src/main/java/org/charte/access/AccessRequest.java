package org.charte.access;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt to touch personal data: who, for which purpose, doing what, to which categories
 * of data, of which resource. Every module asks the decision point with one of these.
 */
public record AccessRequest(Actor actor, String purpose, Action action, Set<String> categories, ResourceRef resource) {

    /**
     * What is done. {@code CREATE} records data that did not exist (a new person, a new order): for
     * a new person it needs the role's purpose and categories but no grant, since there is nothing yet
     * to grant; for a person already recorded (an order, an invoice, a ticket message on them) a member
     * of staff needs a grant in force on that person for the purpose and categories, as for reading;
     * an integration token creates by its scope and role, never by a grant.
     * {@code OBJECT} records the person's objection or the withdrawal of their consent (GDPR Art. 7(3)
     * and 21, L5), and reads what honouring it needs: it only stops processing, so the person's own
     * limits (a restriction, a hold, an objection) never refuse it; the other rules still apply.
     */
    public enum Action { READ, WRITE, CREATE, EXPORT, REVEAL_CREDENTIALS, OBJECT }

    /**
     * Who acts: a member of staff (signed in), an integration (API token), or a data subject whose
     * identity a rights request verified, reaching their own data only (R8.3, R9.1).
     */
    public record Actor(Kind kind, UUID id) {

        public enum Kind { STAFF, TOKEN, SUBJECT }

        public static Actor staff(UUID id) {
            return new Actor(Kind.STAFF, id);
        }

        public static Actor token(UUID id) {
            return new Actor(Kind.TOKEN, id);
        }

        /**
         * The person themselves, once a rights request has verified who they are: only their own
         * data, only for the purpose of handling rights requests, only to read or export it.
         */
        public static Actor subject(UUID subjectId) {
            return new Actor(Kind.SUBJECT, subjectId);
        }

        /** The typed id the audit log records: {@code staff:<uuid>}, {@code token:<uuid>} or {@code subject:<uuid>}. */
        public String typedId() {
            return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
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
