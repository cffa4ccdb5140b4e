package org.charte.marketing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A call attempt the basis or D223-9 forbids (L2): nothing was recorded. The reason is a
 * {@link CallRefusalReason#code()} or a {@link SolicitationBasis.Reason#code()} (or {@code suppressed});
 * {@code next} is the first instant a call would be allowed, when it is a matter of time.
 */
public class CallRefusedException extends RuntimeException {

    private final String reason;
    private final @Nullable Instant next;

    public CallRefusedException(String reason, @Nullable Instant next) {
        super("the call is not allowed: " + reason);
        this.reason = reason;
        this.next = next;
    }

    public String reason() {
        return reason;
    }

    public @Nullable Instant next() {
        return next;
    }
}
