package org.charte.cookies;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the retention run needs of the proofs of cookie choices (R5.4, L3): they are kept as the
 * policy keeps cookie choices (the rule starting at {@code consent-given}, 13 months in the shipped
 * policy), then erased. A proof names a random consent id, never a person: no legal hold reaches it.
 * In the caller's transaction.
 */
public interface ConsentProofRetention {

    long countRecordedBefore(Instant cutoff);

    /** A page of proofs recorded before {@code cutoff}, in id order after {@code after}. */
    List<UUID> recordedBefore(Instant cutoff, @Nullable UUID after, int limit);

    /** Locks these proofs until the caller's transaction ends: those still there, with when each was recorded. */
    Map<UUID, Instant> lock(Collection<UUID> ids);

    /** Erases these proofs and their choices; how many rows went. */
    int erase(Collection<UUID> ids);
}
