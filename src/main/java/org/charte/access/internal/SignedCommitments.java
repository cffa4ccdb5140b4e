package org.charte.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a member of staff signed the current commitment, as the decision point asks on every
 * decision, remembered for a short while ({@code charte.access.commitment-check}, 2 seconds by
 * default) instead of a query per decision, in the manner of {@link DisabledLogins}. The promise: a
 * signature or a new version made on this node holds at the very next decision (everything
 * remembered is forgotten once it commits); one made on another node sharing the database, within
 * that while.
 */
@Component
class SignedCommitments {

    private final BriefMemory<UUID> memory;

    SignedCommitments(Clock clock, @Value("${charte.access.commitment-check:PT2S}") Duration remembered) {
        this.memory = new BriefMemory<>(clock, remembered);
    }

    /** Whether {@code staffId} signed the current commitment: remembered, or else asked of {@code signedCurrent}. */
    boolean signedCurrent(UUID staffId, Predicate<UUID> signedCurrent) {
        return memory.answer(staffId, signedCurrent);
    }

    /** Forgets what was remembered, once the current transaction (a signature, a new version) commits, or at once outside one. */
    void forgetAfterCommit() {
        memory.forgetAfterCommit();
    }
}
