package org.charte.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Erasure of one person on request (GDPR Art. 17, R9.2) or by their post-mortem directives (R9.4),
 * through the retention run's own erasure path, in one transaction: legal holds keep exactly what
 * they cover, a record a legal obligation still covers (an invoice within its 10 years) goes to the
 * intermediate archive instead of staying in the active base (L4), the rest is erased in every
 * module, the person's key destroyed when nothing of theirs stays, a proof written per erasure
 * under the rule {@value #RULE_ID} (a one-person run with trigger {@code REQUEST}), the recipients of
 * their data told (Art. 19), and {@link SubjectErased} published.
 *
 * <p>An active client asking (not a deceased one) keeps what the contract in force needs: their
 * identity, contact and commercial records stay while the contract runs (GDPR Art. 6(1)(b); the
 * ground of Art. 17(1)(a) does not apply to them); only their free "other information" goes.
 */
public interface Erasures {

    /** The rule id of the proofs and of the one-person run. */
    String RULE_ID = "erasure-request";

    /** Why the person is erased. */
    enum Ground {
        /** The person asked (Art. 17). */
        PERSON_ASKED,
        /** Their post-mortem directives ask it, after their death was notified: no contract stands in the way. */
        POST_MORTEM_DIRECTIVES
    }

    /** Why something was kept. */
    enum Basis {
        /** A legal hold: {@code code} is its kind ({@code unpaid-invoice}, ...), {@code reference} its reason code. */
        LEGAL_HOLD,
        /** Moved to the intermediate archive: {@code code} is the obligation ({@code accounting}), {@code reference} its legal text. */
        ARCHIVE_OBLIGATION,
        /** The contract in force needs it: {@code code} is the policy's active-client rule, {@code reference} the legal basis. */
        CONTRACT_IN_FORCE;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Something not erased: the kind of record ({@code subject} for the person's identity and
     * contact, {@code invoice}, {@code payment}, {@code subscription}, {@code order}, ...), its id
     * when it is one record, why, and until when when that is known. A record the intermediate
     * archive keeps for several obligations appears once per obligation, each with its own end.
     */
    record Kept(String recordType, @Nullable UUID recordId, Basis basis, String code, String reference, @Nullable LocalDate until) {

        /**
         * The provision of the GDPR that lets it be kept although its erasure was asked, as a code
         * ({@code 17-3-b}: Art. 17(3)(b), a legal obligation; {@code 17-3-e}: Art. 17(3)(e), legal
         * claims; {@code 6-1-b}: Art. 6(1)(b), the contract in force still needs it, so no ground of
         * Art. 17(1) applies). The one place answers take it from.
         */
        public String gdprArticle() {
            return switch (basis) {
                case ARCHIVE_OBLIGATION -> LEGAL_OBLIGATION;
                case CONTRACT_IN_FORCE -> "6-1-b";
                case LEGAL_HOLD -> LegalHolds.Kind.ofCode(code)
                        .map(kind -> kind == LegalHolds.Kind.ACCOUNTING_OBLIGATION || kind == LegalHolds.Kind.AUTHORITY_REQUEST
                                ? LEGAL_OBLIGATION : LEGAL_CLAIMS)
                        .orElse(LEGAL_CLAIMS);
            };
        }

        private static final String LEGAL_OBLIGATION = "17-3-b";
        private static final String LEGAL_CLAIMS = "17-3-e";
    }

    enum Outcome {
        /** Everything went: the person's key too. */
        ERASED,
        /** Some went, some stays (named in {@code kept}). */
        PARTIAL,
        /** Nothing went: a hold on the person, or nothing erasable. */
        NOTHING_ERASED;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What was done: the outcome, rows erased in all, what was archived and kept (with the legal
     * basis of each), the recipients told, and the run that holds the proofs (null when nothing was erased).
     */
    record Result(UUID subjectId, Outcome outcome, long records, List<Kept> kept, int recipientsTold, @Nullable UUID runId) {

        public Result {
            kept = List.copyOf(kept);
        }
    }

    /**
     * Erases the person now, as the system, on that ground.
     *
     * @param reference what it answers (a rights request's reference or id; a code, never personal data)
     * @throws org.charte.common.InvalidInputException naming {@code subjectId} when nobody has that id (or they were erased already)
     */
    Result erase(UUID subjectId, Ground ground, @Nullable String reference);
}
