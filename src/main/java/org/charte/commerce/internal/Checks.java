package org.charte.commerce.internal;

import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.commerce.UnknownRecordException;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What every commerce operation does once its input is checked ({@code InputChecks}), in this
 * order: find the person, then ask the decision point, which records the attempt in the audit log.
 */
@Component
class Checks {

    private final AccessDecisions decisions;
    private final Subjects subjects;

    Checks(AccessDecisions decisions, Subjects subjects) {
        this.decisions = decisions;
        this.subjects = subjects;
    }

    void subjectExists(UUID subjectId) {
        if (subjects.status(subjectId).isEmpty()) {
            throw new UnknownRecordException("subjectId", "no such person");
        }
    }

    /** Asks the decision point; a refusal throws (403) after being recorded. */
    void require(Actor actor, String purpose, Action action, Set<String> categories, UUID subjectId) {
        decisions.require(new AccessRequest(actor, purpose, action, categories, ResourceRef.subject(subjectId)));
    }

    /**
     * A read for the purpose the caller names: a missing or malformed purpose is refused (400); one
     * the policy does not declare is recorded as refused by the decision point, then refused (400);
     * any other goes to the decision point.
     */
    void requireRead(Actor actor, @Nullable String purpose, Set<String> categories, UUID subjectId) {
        decisions.requireNamedPurpose(actor, purpose, Action.READ, categories, ResourceRef.subject(subjectId));
    }
}
