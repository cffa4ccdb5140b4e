package org.charte.marketing;

import java.util.Collection;
import java.util.UUID;

/**
 * What the retention run (and an erasure request) needs of marketing: erase the marketing history
 * and capacity of a batch of people erased whole, in the caller's transaction, as the system. The
 * suppression list, which names nobody, is not touched: it keeps honouring their objections for
 * its 3 years (L9).
 */
public interface MarketingRetention {

    /** Erases these people's marketing history, capacity, calls and audience facts; returns how many rows went. */
    int erase(Collection<UUID> subjectIds);
}
