package org.charte.subjects;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.RecipientNotices;
import org.jspecify.annotations.Nullable;

/**
 * Rectification, completion and update of a person's data at their request (GDPR Art. 16; R9.1,
 * L5). The change is validated and screened like any other (R3.1, R3.6), decided and audited as a
 * WRITE for the purpose {@code rights-requests}, and every recipient who received the person's
 * data is recorded as told (Art. 19, {@link RecipientNotices}).
 */
public interface Rectifications {

    /** The purpose every rectification is made for. */
    String PURPOSE = "rights-requests";

    /**
     * What the rectification did: the names of the fields whose value changed (e.g.
     * {@code identity.lastName}, {@code contacts.emails}; never a value), the sensitive-data
     * categories redacted from the free text, and the recipients told.
     */
    record Rectified(UUID subjectId, List<String> changedFields, Set<SensitiveCategory> redacted, List<RecipientNotices.Notice> recipientsTold) {}

    /**
     * Applies the change: each part given replaces the stored one (as {@link Subjects#update}); a
     * part given identical to the stored one changes nothing and tells nobody.
     *
     * @param reference the rights request it answers (an id or code), recorded with the notices
     * @throws UnknownSubjectException when no person has that id (nothing changed)
     * @throws org.charte.common.InvalidInputException naming every invalid field (nothing changed)
     * @throws org.charte.access.AccessDecisions.AccessDeniedException when the decision point refuses (nothing changed)
     */
    Rectified rectify(Actor actor, UUID subjectId, Subjects.Change change, @Nullable String reference);

    /**
     * As {@link #rectify(Actor, UUID, Subjects.Change, String)}, applied by a member of staff (the DPO)
     * on the person's verified request: the change is decided as the person's own ({@code person}),
     * and recorded under the person's id as made by {@code appliedBy} on that request (R6.5), who is
     * also the one recorded as having told the recipients.
     *
     * @param reference the rights request it answers (its reference), named in the audit entry
     */
    Rectified rectify(Actor person, UUID subjectId, Subjects.Change change, String reference, Actor appliedBy);
}
