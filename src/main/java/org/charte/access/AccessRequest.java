package org.charte.access;

import java.util.Set;
import java.util.UUID;

/**
 * One attempt to touch personal data: who, for which purpose, doing what, to which categories
 * of data, of which resource. Every module asks the decision point with one of these.
 */
public record AccessRequest(UUID actorId, String purpose, Action action, Set<String> categories, ResourceRef resource) {

    public enum Action { READ, WRITE, EXPORT, REVEAL_CREDENTIALS }

    public AccessRequest {
        categories = Set.copyOf(categories);
    }
}
