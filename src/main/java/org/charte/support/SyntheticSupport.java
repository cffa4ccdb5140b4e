package org.charte.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.charte.vault.Vault;

/**
 * Bulk loading of <b>fictitious</b> support tickets and their messages, for benchmarks and load
 * tests ({@code charte generate}) and nothing else. Titles and messages are sealed under the
 * person's key as {@link Tickets} seals them, references come from the same counter. No decision,
 * no audit entry, no event, no grant; refused unless the application was started with
 * {@link org.charte.common.SyntheticData#PROPERTY}{@code =true}. Writes in the caller's
 * transaction, in batches.
 */
public interface SyntheticSupport {

    /**
     * A fictitious person who asked for help between {@code from} and {@code until} (their last
     * contact: a ticket is an inbound contact).
     */
    record Requester(UUID subjectId, Vault.SubjectKey key, LocalDate from, LocalDate until) {}

    /** Rows written. */
    record Written(long tickets, long messages) {}

    /**
     * One ticket each (by mail, phone, e-mail or chat; most of them closed), with two to four
     * messages alternating between the client and the support.
     *
     * @throws IllegalStateException when the application was not started for synthetic data
     */
    Written generate(Random random, List<Requester> requesters);
}
