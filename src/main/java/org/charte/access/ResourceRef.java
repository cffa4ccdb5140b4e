package org.charte.access;

import java.util.Locale;
import java.util.UUID;

/**
 * What a request reaches: one data subject or one hosted Gestan database (what a grant opens), or
 * an aggregate over many people that names none of them (statistics with small cells suppressed).
 */
public record ResourceRef(Type type, UUID id) {

    public enum Type { SUBJECT, HOSTED_DATABASE, AGGREGATE }

    /** The id every aggregate carries: it reaches no one record. */
    private static final UUID NO_ONE = new UUID(0, 0);

    public static ResourceRef subject(UUID id) {
        return new ResourceRef(Type.SUBJECT, id);
    }

    public static ResourceRef hostedDatabase(UUID id) {
        return new ResourceRef(Type.HOSTED_DATABASE, id);
    }

    /** Counts over many people, none of them named (R4.2): decided on the role, never by a grant. */
    public static ResourceRef aggregate() {
        return new ResourceRef(Type.AGGREGATE, NO_ONE);
    }

    public String code() {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
