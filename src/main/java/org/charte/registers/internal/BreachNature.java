package org.charte.registers.internal;

import java.util.Locale;

/** What a breach did to the data (the CNIL's and the EDPB's three kinds; one breach may be several). */
public enum BreachNature {
    /** Disclosed to, or reached by, someone who should not have. */
    CONFIDENTIALITY,
    /** Altered without authority. */
    INTEGRITY,
    /** Lost or made unreachable, for a while or for good. */
    AVAILABILITY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BreachNature of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
