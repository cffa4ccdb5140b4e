package org.charte.hosting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A hosted Gestan database: a schema with its own login in a data store, for one subscription.
 * Ids, names and dates only; the credentials are never part of it.
 *
 * @param schemaName        the schema (and login) name, derived from the id
 * @param destructionDueOn  once the contract is terminated: the day destruction is due
 * @param finalExportSha256 the SHA-256 of the latest export, if any
 */
public record HostedDatabase(UUID id, UUID subscriptionId, String storeId, String location, String schemaName, Status status,
        Instant provisionedAt, @Nullable LocalDate terminatedOn, @Nullable LocalDate destructionDueOn,
        @Nullable Instant destroyedAt, @Nullable UUID certificateId, @Nullable String finalExportSha256) {

    /** Running; contract terminated and destruction scheduled; destroyed for good. */
    public enum Status { ACTIVE, TERMINATED, DESTROYED }
}
