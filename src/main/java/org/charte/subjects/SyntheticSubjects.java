package org.charte.subjects;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;

/**
 * Bulk loading of <b>fictitious</b> people, for benchmarks and load tests ({@code charte generate})
 * and nothing else. Each person is sealed exactly as {@link Subjects#register} seals a real one
 * (identity, contacts under their own key; blind indexes of e-mail, phone and last name), but in
 * batches: the keys are made and stored in one batch, each person's key is used for all their
 * values without being read again, and the rows go in with batched inserts.
 *
 * <p>No decision and no audit entry: this is the system loading made-up data, not anyone's access
 * to a person's data. For that reason it is refused unless the application was started with
 * {@link org.charte.common.SyntheticData#PROPERTY}{@code =true} (only {@code charte generate} does).
 * It writes in the caller's transaction; the caller commits in chunks.
 */
public interface SyntheticSubjects {

    /**
     * A fictitious person just written: what the other modules need to give them a relationship,
     * sealed under the same key.
     *
     * @param clientSince     the day their first contract began (null for a prospect)
     * @param contractEndedOn the day their last contract ended (inactive clients only)
     */
    record Generated(UUID id, SubjectStatus status, LocalDate lastContactOn, @Nullable LocalDate clientSince,
            @Nullable LocalDate contractEndedOn, Vault.SubjectKey key, String email) {}

    /**
     * Makes up {@code count} adults living in France (realistic names, a real postal code and its
     * commune from the official list, an E.164 mobile phone, an e-mail at a reserved example
     * domain), about 35 % prospects, 45 % active and 20 % inactive clients, and writes them in
     * the caller's transaction.
     *
     * @throws IllegalStateException when the application was not started for synthetic data
     */
    List<Generated> generate(Random random, int count);
}
