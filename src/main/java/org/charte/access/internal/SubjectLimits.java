package org.charte.access.internal;

import java.util.Set;
import java.util.TreeSet;
import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.charte.access.ResourceRef;
import org.jspecify.annotations.Nullable;

/**
 * What a person's own rights forbid, whoever asks: a restriction in force (GDPR Art. 18) refuses
 * every purpose but those Art. 18(2) allows; an upheld objection (Art. 21) refuses its purpose; a
 * person whose retention has ended and whom only a legal hold keeps (L4) may be processed only for
 * that hold's purposes ({@code keptOnlyFor}, see {@link org.charte.access.KeptForObligations}).
 * Framework-free, decided in nanoseconds: the decision point reads it from memory
 * ({@link ProcessingLimits}), never from the database per decision.
 *
 * @param allowedWhileRestricted the same set for every person, from the policy (see {@link LimitPurposes})
 * @param keptOnlyFor null unless a legal hold alone keeps the person: then the only purposes allowed
 */
record SubjectLimits(boolean restricted, Set<String> allowedWhileRestricted, Set<String> objected, @Nullable Set<String> keptOnlyFor) {

    /** Nobody restricted, nothing objected: the case of almost every person. */
    static final SubjectLimits NONE = new SubjectLimits(false, Set.of(), Set.of(), null);

    SubjectLimits {
        allowedWhileRestricted = Set.copyOf(allowedWhileRestricted);
        objected = Set.copyOf(objected);
        keptOnlyFor = keptOnlyFor == null ? null : Set.copyOf(keptOnlyFor);
    }

    SubjectLimits(boolean restricted, Set<String> allowedWhileRestricted, Set<String> objected) {
        this(restricted, allowedWhileRestricted, objected, null);
    }

    /**
     * The refusal this person's rights call for, or null when they leave the request to the other rules.
     * Recording their objection or withdrawal ({@link AccessRequest.Action#OBJECT}) is never refused here:
     * an objection must be recordable at any time (Art. 21, L5), a restriction included (R9.9).
     */
    @Nullable Decision refuse(AccessRequest request) {
        if (this == NONE || request.resource().type() != ResourceRef.Type.SUBJECT || request.action() == AccessRequest.Action.OBJECT) {
            return null;
        }
        if (restricted && !allowedWhileRestricted.contains(request.purpose())) {
            return Decision.deny("restricted: processing of this person's data is restricted (GDPR Art. 18); only storage and "
                    + String.join(", ", new TreeSet<>(allowedWhileRestricted)) + " are allowed");
        }
        if (keptOnlyFor != null && !keptOnlyFor.contains(request.purpose())) {
            return Decision.deny("kept-for-obligation: this person's retention has ended and only a legal hold keeps their data (L4); only "
                    + String.join(", ", new TreeSet<>(keptOnlyFor)) + " are allowed");
        }
        if (objected.contains(request.purpose())) {
            return Decision.deny("objection: this person objected to purpose " + request.purpose() + " (GDPR Art. 21)");
        }
        return null;
    }
}
