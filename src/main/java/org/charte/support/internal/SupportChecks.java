package org.charte.support.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.subjects.Subjects;
import org.charte.support.UnknownTicketException;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What every support operation does once its input is checked ({@code InputChecks}), in this order:
 * find the person, then ask the decision point, which records the attempt; then it records the
 * contact on the person and seals free text under the person's key, bound to its column and row.
 */
@Component
class SupportChecks {

    static final String PURPOSE = "customer-service";
    static final Set<String> CATEGORIES = Set.of("support-requests");

    private final AccessDecisions decisions;
    private final Subjects subjects;
    private final Vault vault;

    SupportChecks(AccessDecisions decisions, Subjects subjects, Vault vault) {
        this.decisions = decisions;
        this.subjects = subjects;
        this.vault = vault;
    }

    void subjectExists(UUID subjectId) {
        if (subjects.status(subjectId).isEmpty()) {
            throw new UnknownTicketException("subjectId", "no such person");
        }
    }

    void require(Actor actor, Action action, UUID subjectId) {
        decisions.require(new AccessRequest(actor, PURPOSE, action, CATEGORIES, ResourceRef.subject(subjectId)));
    }

    /** A read for the caller's purpose: missing or malformed, refused (400); not the policy's, recorded as refused, then refused (400). */
    void requireRead(Actor actor, @Nullable String purpose, UUID subjectId) {
        decisions.requireNamedPurpose(actor, purpose, Action.READ, CATEGORIES, ResourceRef.subject(subjectId));
    }

    /** A support request is an inbound contact: the person's lifecycle counts from it. */
    void recordContact(UUID subjectId, LocalDate day) {
        subjects.recordContact(subjectId, day);
    }

    byte[] seal(UUID subjectId, String field, UUID rowId, String text) {
        return vault.seal(subjectId, "support." + field + ":" + rowId, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The person's key, read on first use: for a read path opening many values of one person. */
    Vault.SubjectKey keyOf(UUID subjectId) {
        return vault.keyOnDemand(subjectId);
    }

    @Nullable String open(Vault.SubjectKey key, String field, UUID rowId, byte @Nullable [] sealed) {
        return sealed == null ? null : new String(key.open("support." + field + ":" + rowId, sealed), StandardCharsets.UTF_8);
    }

    @Nullable String open(UUID subjectId, String field, UUID rowId, byte @Nullable [] sealed) {
        return sealed == null ? null
                : new String(vault.open(subjectId, "support." + field + ":" + rowId, sealed), StandardCharsets.UTF_8);
    }
}
