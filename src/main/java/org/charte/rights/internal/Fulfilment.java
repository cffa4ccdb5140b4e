package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.rights.RequestType;
import org.charte.rights.RightsRequest;
import org.charte.rights.RightsRequests.Claimant;

/**
 * What Charte does to answer one right, once the person's identity is verified and they are known.
 * One bean per right; a right without one (today: rectification, erasure, restriction, objection,
 * post-mortem directives) is handled by the DPO by hand, who records the answer's text and closes
 * the request ({@link org.charte.rights.RightsRequests#answerManually}): Charte then never claims
 * the right was applied. Erasure (retention module), restriction and objection (the decision
 * point), rectification and post-mortem directives (subjects) plug in here as they come.
 */
interface Fulfilment {

    RequestType type();

    /**
     * Carries out the right for the person and says what was done. Reads of personal data go
     * through the modules' public APIs as {@code Actor.subject(subjectId)} for the purpose
     * {@code rights-requests}, so the decision point decides and the audit log records each one.
     */
    Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale);

    /** A file of the answer (a report, an archive). */
    record AnswerContent(String kind, String fileName, String contentType, byte[] content) {}

    /** The answer: its files, and a summary told to the person and kept in the request's history. */
    record Result(List<AnswerContent> files, String summary) {}
}
