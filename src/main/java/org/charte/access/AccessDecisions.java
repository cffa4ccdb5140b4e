package org.charte.access;

import java.util.Set;
import org.jspecify.annotations.Nullable;

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

    /**
     * For a purpose the caller names (a {@code purpose} parameter): a missing or malformed one is
     * refused as bad input ({@link Purpose#of}), nothing decided or recorded; one the policy does not declare is recorded as refused, then refused as
     * bad input; any other goes to {@link #require}.
     *
     * @throws org.charte.common.InvalidInputException naming the field {@code purpose}
     * @throws AccessDeniedException when the decision point refuses
     */
    Decision requireNamedPurpose(AccessRequest.Actor actor, @Nullable String purpose,
            AccessRequest.Action action, Set<String> categories, ResourceRef resource);

    class AccessDeniedException extends RuntimeException {
        public AccessDeniedException(String reason) {
            super(reason);
        }
    }
}
