package org.charte.access;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The decision point's answer, with its reason; an allowed access names the grant it used. */
public record Decision(boolean allowed, String reason, @Nullable UUID grantId) {

    public static Decision allow(UUID grantId) {
        return new Decision(true, "allowed by grant " + grantId, grantId);
    }

    /** Recording new data: allowed by the role, with no grant involved. */
    public static Decision allowNew() {
        return new Decision(true, "new data recorded within the role's purposes and categories", null);
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason, null);
    }
}
