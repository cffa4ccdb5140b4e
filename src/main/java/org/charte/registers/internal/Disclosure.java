package org.charte.registers.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One disclosure to an authority as the register holds it (R6.6): the request, its approval and its
 * answer. Only ids of staff and people, never their data.
 */
record Disclosure(UUID id, String authority, DisclosureLegalBasis legalBasis, @Nullable String legalBasisDetail, String reference,
        LocalDate receivedOn, @Nullable LocalDate deadline, List<String> categories, List<UUID> subjectIds, boolean doNotInform,
        @Nullable String doNotInformReason, UUID recordedBy, Instant recordedAt, @Nullable UUID approvedBy, @Nullable Instant approvedAt,
        @Nullable UUID grantId, @Nullable UUID answeredBy, @Nullable Instant answeredAt, @Nullable String answerSha256,
        @Nullable Instant linkExpiresAt, @Nullable Instant linkUsedAt, int informed) {

    enum Status { AWAITING_APPROVAL, APPROVED, ANSWERED, DOWNLOADED }

    public Status status() {
        if (linkUsedAt != null) {
            return Status.DOWNLOADED;
        }
        if (answeredAt != null) {
            return Status.ANSWERED;
        }
        return approvedAt != null ? Status.APPROVED : Status.AWAITING_APPROVAL;
    }
}
