package org.charte.access;

/**
 * The decision point (R4.5, R6.1-R6.4): answers allow or deny with the reason, and records the
 * attempt in the audit log either way.
 */
public interface AccessDecisions {

    Decision decide(AccessRequest request);

    /**
     * Decides and, when refused, throws: for callers that must not go on.
     *
     * @throws AccessDeniedException with the decision's reason
     */
    default Decision require(AccessRequest request) {
        Decision decision = decide(request);
        if (!decision.allowed()) {
            throw new AccessDeniedException(decision.reason());
        }
        return decision;
    }

    class AccessDeniedException extends RuntimeException {
        public AccessDeniedException(String reason) {
            super(reason);
        }
    }
}
