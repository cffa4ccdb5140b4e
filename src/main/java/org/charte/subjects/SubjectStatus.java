package org.charte.subjects;

import java.util.Optional;

/** Where a person stands in the relationship (policy §5); the code is the policy's subject category. */
public enum SubjectStatus {
    PROSPECT("prospect"),
    CLIENT_ACTIVE("client-active"),
    CLIENT_INACTIVE("client-inactive");

    private final String code;

    SubjectStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The status with that code ({@code prospect}, {@code client-active}, {@code client-inactive}) or that name. */
    public static Optional<SubjectStatus> ofCode(String code) {
        for (SubjectStatus status : values()) {
            if (status.code.equals(code) || status.name().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
