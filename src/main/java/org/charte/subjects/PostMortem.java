package org.charte.subjects;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.jspecify.annotations.Nullable;

/**
 * Post-mortem directives (R9.4; loi 78-17 art. 85, directives particulières) and the notification
 * of a death.
 *
 * <p>A person leaves directives: a structured choice, a trusted person when the data is to be
 * communicated, and free text, both sealed under the person's key. One version is current; earlier
 * ones are kept as history. Recording and reading them are decided and audited for the purpose
 * {@code rights-requests} (CREATE and READ of {@code other-information}).
 *
 * <p>When staff record a death ({@link #notifyDeath}), the person is marked deceased, their
 * processing restricted ({@link org.charte.access.ProcessingRestrictions}, reason
 * {@code deceased}), the directives' outcome recorded as a pending action for the rights workflow
 * to carry out (an erasure for the retention module, a communication to the trusted person, keeping
 * what the law requires, or, without directives, the heirs' rights), and {@link DeathNotified} is
 * published.
 */
public interface PostMortem {

    /** What the person wants done with their data after death. */
    enum Choice {
        /** Erase everything (what the law requires us to keep is kept until its limit, then erased). */
        ERASE_ALL("erase-all"),
        /** Communicate the data to a named trusted person, then erase. */
        COMMUNICATE_TO_TRUSTED_PERSON("communicate-to-trusted-person"),
        /** Keep as the law requires, and no longer: the retention rules run their course. */
        KEEP_AS_REQUIRED_BY_LAW("keep-as-required-by-law");

        private final String code;

        Choice(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Choice> ofCode(@Nullable String code) {
            for (Choice choice : values()) {
                if (choice.code.equals(code)) {
                    return Optional.of(choice);
                }
            }
            return Optional.empty();
        }
    }

    /** The person the data is to be communicated to. */
    record TrustedPerson(@Size(max = 200) String name, @Nullable @Size(max = 254) String email, @Nullable @Size(max = 500) String postalAddress) {}

    /** Directives as the person gives them; a trusted person is required to communicate. */
    record NewDirectives(Choice choice, @Nullable TrustedPerson trustedPerson, @Nullable String text) {}

    /** The current directives, opened. */
    record Directives(UUID id, UUID subjectId, int version, Choice choice, @Nullable TrustedPerson trustedPerson, @Nullable String text,
            Instant recordedAt, String recordedBy) {}

    /** One version of a person's directives, without its sealed parts. */
    record Version(UUID id, int version, Choice choice, Instant recordedAt, String recordedBy, @Nullable Instant supersededAt) {}

    /** Where the news of a death came from. */
    enum Source { FAMILY, NOTARY, CIVIL_REGISTRY, TRUSTED_PERSON, OTHER }

    record DeathNotice(LocalDate diedOn, Source source) {}

    /** What is left to do for a deceased person, for the rights workflow. */
    enum ActionKind {
        /** Erase the person's data through the retention module's erasure path (legal holds apply). */
        ERASURE,
        /** Send the person's data to the trusted person named in the directives. */
        COMMUNICATION_TO_TRUSTED_PERSON,
        /** Nothing to erase early: keep what the law requires until the retention rules erase it. */
        KEEP_AS_REQUIRED_BY_LAW,
        /** No directives: the heirs may exercise the rights art. 85-II gives them; the DPO reviews. */
        NO_DIRECTIVES
    }

    enum ActionStatus { PENDING, DONE }

    record Action(UUID id, UUID subjectId, ActionKind kind, ActionStatus status, @Nullable UUID directiveId, Instant createdAt,
            @Nullable Instant doneAt, @Nullable String doneBy) {}

    /** A death recorded, and the actions it opened. */
    record Notified(UUID subjectId, LocalDate diedOn, @Nullable Choice directive, List<Action> actions) {}

    /**
     * Records new directives, which become the current version (the previous one is kept, superseded).
     *
     * @throws UnknownSubjectException when no person has that id
     * @throws org.charte.common.InvalidInputException naming each invalid field
     */
    Version record(Actor actor, UUID subjectId, NewDirectives directives);

    /** The current directives, opened (READ, decided and audited); empty when there are none. */
    Optional<Directives> current(Actor actor, UUID subjectId);

    /** Every version, newest first, without the sealed parts. */
    List<Version> history(UUID subjectId);

    /**
     * Records a death and applies the directives (see the class comment). Once per person.
     *
     * @throws UnknownSubjectException when no person has that id
     * @throws org.charte.common.InvalidInputException for a date in the future, a missing source, or a death already recorded
     */
    Notified notifyDeath(Actor actor, UUID subjectId, DeathNotice notice);

    /**
     * The death notified was not confirmed: the DPO found its evidence wanting (R9.4). The notification
     * is withdrawn, the actions still pending are dropped and the restriction it brought
     * ({@code deceased}) is lifted; a new notification may be made with evidence. Nothing was carried
     * out yet: irreversible actions wait for the evidence to be confirmed.
     *
     * @param by a typed id ({@code staff:<uuid>})
     * @throws org.charte.common.InvalidInputException (field {@code subjectId}) when no death is recorded for the person
     */
    void withdrawDeath(UUID subjectId, String by);

    /** The day of death, when one was notified. */
    Optional<LocalDate> deceasedOn(UUID subjectId);

    /** Actions still to carry out, oldest first. */
    List<Action> pendingActions();

    List<Action> actions(UUID subjectId);

    /**
     * The rights workflow carried an action out.
     *
     * @param by a typed id ({@code staff:<uuid>}, {@code system})
     */
    Action complete(UUID actionId, String by);
}
