package org.charte.registers.internal;

/**
 * The assessment of a breach's risk to people's rights and freedoms (L6), and what it calls for:
 * every breach is recorded (Art. 33(5)); one with a risk is notified to the CNIL (Art. 33(1)); one
 * with a high risk is also told to the people concerned in plain language (Art. 34(1)).
 */
public enum BreachRisk {
    /** "Unlikely to result in a risk": recorded only. */
    NONE,
    /** Notified to the CNIL within 72 hours. */
    RISK,
    /** Notified to the CNIL, and the people concerned are told. */
    HIGH;

    public boolean notifyAuthority() {
        return this != NONE;
    }

    public boolean tellPeople() {
        return this == HIGH;
    }
}
