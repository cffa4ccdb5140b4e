package org.charte.rights.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A rights request as the DPO's lists show it: no personal data, only its type, channel, dates,
 * status, clock and, once the person's identity was verified and they are known, their id.
 *
 * @param reference  R-year-number, what the person and the DPO quote
 * @param language   {@code fr} or {@code en}: the language the person wrote in, and is answered in
 * @param outcome    how a closed request ended: {@code answered}, {@code no-data}, {@code answered-manually},
 *                   {@code refused-manifestly-unfounded}, {@code refused-excessive}, {@code cancelled}, {@code lapsed}
 *                   (identity never verified: {@link UnverifiedLapse})
 */
public record RightsRequest(UUID id, String reference, RequestType type, RequestChannel channel, String language,
        LocalDate receivedOn, Instant recordedAt, RequestStatus status, @Nullable UUID subjectId, @Nullable Instant verifiedAt,
        RequestClock clock, @Nullable Instant closedAt, @Nullable String outcome) {

    public boolean open() {
        return status.open();
    }

    /** Where it stands against its deadline on a day; a closed request is on time by definition. */
    public RequestClock.State state(LocalDate asOf) {
        return open() ? clock.state(asOf) : RequestClock.State.ON_TIME;
    }
}
