package org.charte.rights.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The values a rights request's stages share, from intake to answer (R9.5-R9.8, L1): what the
 * person gives about themselves (the claimant, sealed under a key of the request's own), a request
 * entered by staff, how a code check ended, why a request may be refused, the steps of its history,
 * its answer files and identity documents. Each stage is a service of its own: {@link RequestIntake},
 * {@link IdentityVerification}, {@link IdentityDocuments}, {@link RequestDeadlines},
 * {@link RequestAnswers}, {@link DpoAnswers}, with {@link RequestStore} for the rows.
 */
public interface RightsRequests {

    /**
     * Who the person says they are, and what they ask; {@code details} also holds post-mortem
     * directives. {@code fields} are what a right's form asks beyond the free text, by name: the
     * data to rectify ({@code lastName}, {@code email}, ...), the purpose objected to
     * ({@code purpose}), the restriction's reason ({@code reason}), the directives' choice and
     * trusted person ({@code choice}, {@code trustedName}, ...). Empty when none.
     */
    record Claimant(String name, @Nullable String email, @Nullable String postalAddress, @Nullable String details,
            @Nullable Map<String, String> fields) {

        public Claimant {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }

        public Claimant(String name, @Nullable String email, @Nullable String postalAddress, @Nullable String details) {
            this(name, email, postalAddress, details, Map.of());
        }

        /** A field of the form, stripped; null when absent or blank. */
        public @Nullable String field(String name) {
            String value = fields == null ? null : fields.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** A request received by post, e-mail or an integration, entered by staff with its day of receipt. */
    record NewRequest(RequestType type, RequestChannel channel, LocalDate receivedOn, Claimant claimant, Locale language) {}

    /** How a code check ended. */
    enum Verification { VERIFIED, WRONG_CODE, EXPIRED, NO_ATTEMPTS_LEFT, NOT_AWAITED }

    /** Why a request may be refused (GDPR Art. 12(5)). */
    enum RefusalGround { MANIFESTLY_UNFOUNDED, EXCESSIVE }

    /** One step of a request's history; the note opened (reasons, the answer's text). */
    record Step(Instant at, LocalDate on, String actor, String kind, @Nullable String note) {}

    /** The files of a request's answer, without their content. */
    record AnswerFile(UUID id, String kind, String fileName, String contentType, String sha256, Instant createdAt) {}

    /** The identity documents received for a request and whether each was checked and deleted. */
    record IdentityDocument(UUID id, Instant receivedAt, @Nullable Instant checkedAt, @Nullable Instant deletedAt) {}
}
