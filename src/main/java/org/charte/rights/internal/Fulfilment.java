package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.rights.internal.RightsRequests.Claimant;

/**
 * What Charte does to answer one right, once the person's identity is verified and they are known.
 * One bean per right: access and portability (files), restriction, objection and post-mortem
 * directives (carried out as soon as the identity is verified), rectification and erasure (carried
 * out when the DPO, having reviewed the request, produces the answer: {@link #automatic()} false).
 * A right without a bean would be answered by hand ({@link DpoAnswers#answerManually}).
 */
interface Fulfilment {

    RequestType type();

    /** Carried out as soon as the identity is verified (true), or when the DPO produces the answer after review (false). */
    default boolean automatic() {
        return true;
    }

    /**
     * Carries out the right for the person and says what was done. Reads of personal data go
     * through the modules' public APIs as {@code Actor.subject(subjectId)} for the purpose
     * {@code rights-requests}, so the decision point decides and the audit log records each one.
     */
    Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale);

    /**
     * As {@link #fulfil(RightsRequest, UUID, Claimant, Locale)}, carried out on the decision of
     * {@code decidedBy} (the DPO's typed id, or {@code system}): a right whose change is made on the
     * DPO's review (rectification, erasure) names them in the audit log (R6.5).
     */
    default Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale, String decidedBy) {
        return fulfil(request, subjectId, claimant, locale);
    }

    /** A file of the answer (a report, an archive). */
    record AnswerContent(String kind, String fileName, String contentType, byte[] content) {}

    /**
     * The answer: its files, and a summary told to the person and kept in the request's history.
     * {@code pending}: the right is recorded but waits for a decision (an objection the DPO decides):
     * the person is told where it stands and the request stays open.
     */
    record Result(List<AnswerContent> files, String summary, boolean pending) {

        Result(List<AnswerContent> files, String summary) {
            this(files, summary, false);
        }
    }
}
