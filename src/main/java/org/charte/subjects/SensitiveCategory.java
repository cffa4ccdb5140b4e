package org.charte.subjects;

/**
 * The special categories of data (GDPR Art. 9) that Charte never keeps (policy §3, R3.6); the
 * code is what the audit log records when one is found.
 */
public enum SensitiveCategory {
    HEALTH("health"),
    RELIGIOUS_BELIEFS("religious-beliefs"),
    POLITICAL_OPINIONS("political-opinions"),
    TRADE_UNION_MEMBERSHIP("trade-union-membership"),
    RACIAL_ETHNIC_ORIGIN("racial-ethnic-origin"),
    SEXUAL_ORIENTATION("sexual-orientation");

    private final String code;

    SensitiveCategory(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
