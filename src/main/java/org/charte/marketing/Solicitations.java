package org.charte.marketing;

import java.time.LocalDate;
import java.util.UUID;
import org.charte.policy.MarketingChannel;

/**
 * The system's questions about solicitation, for campaigns, call lists and imports: they reveal no
 * personal data and are not accesses by a person, so they are neither decided nor audited (the
 * sending of each message is).
 */
public interface Solicitations {

    /** Whether the person may be solicited on that channel for that purpose on that day, and why ({@link SolicitationBasis}). */
    SolicitationBasis.Verdict maySolicit(UUID subjectId, MarketingChannel channel, String purpose, LocalDate day);

    /**
     * Whether an e-mail (for {@link MarketingChannel#EMAIL}) or a phone (for SMS and phone) is on the
     * suppression list for that channel and purpose (L9). The address is normalised first (lower
     * case; E.164, French numbers by default); one that cannot be read is not suppressed.
     */
    boolean suppressed(MarketingChannel channel, String purpose, String address);

    /** Removes the suppression entries past their end on that day; returns how many went. */
    int purgeSuppressions(LocalDate day);
}
