package org.charte.hosting;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Destruction asked before it is due (or before the contract is terminated): nothing dropped; 409 with the due date. */
public class DestructionNotDueException extends RuntimeException {

    private final @Nullable LocalDate dueOn;

    public DestructionNotDueException(@Nullable LocalDate dueOn) {
        super(dueOn == null ? "the contract is not terminated: no destruction is scheduled"
                : "destruction is due on " + dueOn + ", not before");
        this.dueOn = dueOn;
    }

    public @Nullable LocalDate dueOn() {
        return dueOn;
    }
}
