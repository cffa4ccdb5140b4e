package org.charte.commerce;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;

/**
 * Bulk loading of a <b>fictitious</b> commercial relationship for fictitious clients, for
 * benchmarks and load tests ({@code charte generate}) and nothing else: client accounts,
 * subscriptions (start, end, termination), orders and their lines, invoices (numbered from the
 * same gapless counter) and payments, every personal value sealed under its person's key as the
 * ordinary paths seal it. No decision, no audit entry, no event (no legal hold: the data is made
 * up); refused unless the application was started with
 * {@link org.charte.common.SyntheticData#PROPERTY}{@code =true}. Writes in the caller's
 * transaction, in batches.
 */
public interface SyntheticCommerce {

    /**
     * A fictitious client: their key (from {@code SyntheticSubjects}), when their first contract
     * began, for an inactive client when the last one ended, and their last contact (no order is
     * placed after it, since an order is an inbound contact).
     */
    record Client(UUID subjectId, Vault.SubjectKey key, LocalDate since, @Nullable LocalDate endedOn, LocalDate lastContactOn) {}

    /** Rows written, per kind. */
    record Written(long accounts, long subscriptions, long orders, long invoices, long payments) {

        public long rows() {
            return accounts + subscriptions + orders + invoices + payments;
        }
    }

    /**
     * Gives each client an account (access code sealed and blind-indexed; every synthetic account
     * shares one Argon2id hash of a random password nobody knows, so no one can sign in with it),
     * one or two subscriptions, zero to three orders, an invoice per subscription and per order,
     * and a payment for most invoices (a few stay unpaid).
     *
     * @throws IllegalStateException when the application was not started for synthetic data
     */
    Written generate(Random random, List<Client> clients);
}
