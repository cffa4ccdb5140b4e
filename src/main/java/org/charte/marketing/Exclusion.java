package org.charte.marketing;

import java.util.Locale;

/**
 * Why a person a campaign targets may not be solicited (R9.9, L2, L4, L5, L9, Art. 18). A person
 * excluded for several reasons is counted once, under the first of this order: the reasons about
 * the person's whole file come first, then the address, then the basis, then the phone rules.
 */
public enum Exclusion {
    /** Deceased (a death notification recorded). */
    DECEASED,
    /** Processing restricted (Art. 18 GDPR): kept, not used. */
    RESTRICTED,
    /** Kept only by a legal hold, an obligation or the intermediate archive: serves that purpose only (L4). */
    HELD,
    /** A former client whose contract ended, and last contact was, more than 3 years ago (L4). */
    FORMER_CLIENT_EXPIRED,
    /** No address for the channel (no e-mail, no phone, no postal address). */
    NO_ADDRESS,
    /** An address of theirs for that channel is on the suppression list (L9). */
    SUPPRESSED,
    /** They objected on that channel for that purpose, or to all marketing (L5). */
    OBJECTED,
    /** They withdrew their consent (L5). */
    CONSENT_WITHDRAWN,
    /** No basis allows it: no consent where one is required (L2, L9). */
    NO_BASIS,
    /** Phone: outside D223-9's days and hours in their time zone, without consent to other times (L2). */
    OUTSIDE_CALL_HOURS,
    /** Phone: 4 attempts within 30 days already, or refused during a call less than 60 days ago (L2). */
    CALL_LIMIT;

    /** {@code former-client-expired}, ...: the code the API, the CSV and the message keys use. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
