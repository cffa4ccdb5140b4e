package org.charte.marketing;

import java.util.Locale;
import java.util.Optional;

/**
 * What one entry of a person's marketing history records for a channel and a purpose. The latest
 * entry is the current basis: a new consent lifts an earlier objection or withdrawal, nothing else does.
 */
public enum BasisKind {
    /** Prior consent, with its proof: the versioned wording shown, how, when, by whom or on which page (L9, L2). */
    CONSENT,
    /** A client's offers about analogous products, the objection having been offered when the address was collected (L9). */
    ANALOGOUS_OFFERS,
    /** A professional's messages about their job, unless they object (L9). */
    JOB_RELATED,
    /** The consent withdrawn: effective at once (L5). */
    CONSENT_WITHDRAWN,
    /** An objection, without motive, effective at once and kept on the suppression list (L5, L9). */
    OBJECTION;

    /** Whether this entry stops every solicitation on its channel and purpose. */
    public boolean stops() {
        return this == CONSENT_WITHDRAWN || this == OBJECTION;
    }

    /** {@code consent}, {@code analogous-offers}, {@code job-related}, {@code consent-withdrawn}, {@code objection}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<BasisKind> fromCode(String code) {
        for (BasisKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
