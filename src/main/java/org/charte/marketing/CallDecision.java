package org.charte.marketing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link PhoneCallRules}: allowed, or refused with its reason and the first instant
 * from which a call would be allowed ({@code next}; null only if the search found none).
 */
public record CallDecision(boolean allowed, @Nullable CallRefusalReason reason, @Nullable Instant next) {

    static CallDecision allowed(Instant at) {
        return new CallDecision(true, null, at);
    }

    static CallDecision refused(CallRefusalReason reason, @Nullable Instant next) {
        return new CallDecision(false, reason, next);
    }
}
