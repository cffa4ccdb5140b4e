package org.charte.access;

import java.util.Locale;
import java.util.UUID;

/** What a grant opens: one data subject, or one hosted Gestan database. */
public record ResourceRef(Type type, UUID id) {

    public enum Type { SUBJECT, HOSTED_DATABASE }

    public static ResourceRef subject(UUID id) {
        return new ResourceRef(Type.SUBJECT, id);
    }

    public static ResourceRef hostedDatabase(UUID id) {
        return new ResourceRef(Type.HOSTED_DATABASE, id);
    }

    public String code() {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
