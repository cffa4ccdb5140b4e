package org.charte.subjects;

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
}
