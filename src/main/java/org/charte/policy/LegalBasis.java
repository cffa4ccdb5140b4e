package org.charte.policy;

/** The lawful bases the policy may give a purpose (GDPR Art. 6(1)). */
public enum LegalBasis {
    CONTRACT("contract", "Art. 6(1)(b)"),
    LEGAL_OBLIGATION("legal-obligation", "Art. 6(1)(c)"),
    LEGITIMATE_INTEREST("legitimate-interest", "Art. 6(1)(f)"),
    CONSENT("consent", "Art. 6(1)(a)");

    private final String code;
    private final String article;

    LegalBasis(String code, String article) {
        this.code = code;
        this.article = article;
    }

    public String code() {
        return code;
    }

    public String article() {
        return article;
    }

    public static LegalBasis fromCode(String code) {
        for (LegalBasis basis : values()) {
            if (basis.code.equals(code)) {
                return basis;
            }
        }
        throw new IllegalArgumentException(code);
    }
}
