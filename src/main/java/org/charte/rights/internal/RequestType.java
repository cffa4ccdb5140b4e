package org.charte.rights.internal;

import java.util.Locale;
import java.util.Optional;

/** The rights a person may exercise (policy §9.1; restriction per GDPR Art. 18, L5). */
public enum RequestType {
    ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, PORTABILITY, POST_MORTEM;

    /** {@code access}, {@code post-mortem}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<RequestType> ofCode(String code) {
        for (RequestType type : values()) {
            if (type.code().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
