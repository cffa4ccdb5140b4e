package org.charte.marketing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.charte.policy.MarketingChannel;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a person's marketing history for a channel and a marketing purpose. {@code wording}
 * is the code and version of the text shown when a consent was collected (or, for analogous offers,
 * of the notice offering the objection); {@code details} the page or how it was collected (sealed at
 * rest, opened here); {@code reference} a request, a letter or the suppression entry behind it;
 * {@code recordedBy} a typed id ({@code staff:<uuid>}, {@code subject:<uuid>}, {@code system}).
 */
public record Basis(UUID id, UUID subjectId, MarketingChannel channel, String purpose, BasisKind kind, Means means,
        @Nullable String wording, @Nullable String reference, @Nullable String details, Instant recordedAt, LocalDate recordedOn,
        String recordedBy) {}
