package org.charte.marketing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a consumer's consent to be called outside D223-9's days and hours (L2): given
 * ({@code consented}) or withdrawn, how it was collected, the wording shown (sealed at rest under the
 * person's key, opened here), when and by whom ({@code recordedBy}: a typed id). The person's current
 * choice is their latest entry.
 */
public record CallHoursConsent(UUID id, UUID subjectId, boolean consented, Means means, @Nullable String wording, Instant recordedAt,
        String recordedBy) {}
