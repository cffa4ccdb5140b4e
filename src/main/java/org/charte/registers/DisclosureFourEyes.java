package org.charte.registers;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Four eyes on a disclosure to an authority (R6.6): the DPO approves it, and never the person who
 * recorded it; a disclosure is approved once.
 */
public final class DisclosureFourEyes {

    /** The role of the policy that approves disclosures. */
    public static final String APPROVER_ROLE = "dpo";

    private DisclosureFourEyes() {}

    /** Why this person may not approve this disclosure, or empty when they may. */
    public static Optional<String> refusal(UUID recordedBy, @Nullable UUID alreadyApprovedBy, UUID approver, String approverRole) {
        if (alreadyApprovedBy != null) {
            return Optional.of("the disclosure is already approved");
        }
        if (!APPROVER_ROLE.equals(approverRole)) {
            return Optional.of("only the DPO approves a disclosure");
        }
        if (approver.equals(recordedBy)) {
            return Optional.of("the person who recorded a disclosure does not approve it: another DPO must");
        }
        return Optional.empty();
    }
}
