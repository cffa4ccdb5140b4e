package org.charte.audit;

/** What the decision point answered to an access. */
public enum AuditOutcome {
    ALLOWED,
    DENIED
}
