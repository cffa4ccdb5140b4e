package org.charte.hosting;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.jspecify.annotations.Nullable;

/**
 * Hosted Gestan databases: provisioning in an allowed store (R7.1), credentials revealed under a
 * grant (R3.3), exports until destruction (R5.5).
 */
public interface HostedDatabases {

    /**
     * Creates the subscription's database in a store: a schema, its own login with a generated
     * password (sealed), and a sample table. Only in a store the policy declares, whose configured
     * location agrees with the policy and is allowed; otherwise nothing is created.
     *
     * @param actor {@code null} for the system (provisioning on {@code SubscriptionStarted})
     * @throws org.charte.common.InvalidInputException naming {@code storeId} or {@code subscriptionId}
     */
    HostedDatabase provision(@Nullable Actor actor, UUID subscriptionId, String storeId);

    /** @throws UnknownHostedDatabaseException when there is none */
    HostedDatabase find(UUID id);

    Optional<HostedDatabase> ofSubscription(UUID subscriptionId);

    /**
     * A client's hosted databases not destroyed yet (ids, names and dates only, no decision needed):
     * what a support ticket's authorisation covering {@code hosted-credentials} or {@code hosted-data}
     * opens to a support subcontractor (R6.2, R3.3).
     */
    List<HostedDatabase> ofClient(UUID subjectId);

    /**
     * The database's login, revealed to a person whose grant covers {@code hosted-credentials} on
     * this database for the purpose the caller names (R4.5: there is no default purpose); the decision
     * point records every attempt (action {@code reveal-credentials}).
     *
     * @throws org.charte.common.InvalidInputException naming {@code purpose} when none is given, or a
     *         malformed or undeclared one: nothing revealed
     * @throws org.charte.access.AccessDecisions.AccessDeniedException without such a grant
     * @throws UnknownHostedDatabaseException when there is none
     * @throws ExportClosedException once destroyed
     */
    Credentials revealCredentials(Actor actor, @Nullable String purpose, UUID id);

    /**
     * A zip of the database (one CSV per table and a manifest), made by staff for the client under
     * a grant covering {@code hosted-data} on this database (action {@code export}), for the purpose
     * the caller names (R4.5: there is no default purpose).
     *
     * @throws org.charte.common.InvalidInputException naming {@code purpose} when none is given, or a
     *         malformed or undeclared one: nothing exported
     * @throws ExportClosedException once destruction is due or done
     */
    Export export(Actor actor, @Nullable String purpose, UUID id);

    /**
     * The same export for the client, who proves who they are with their customer account's access
     * code and password; a wrong code, password or database, or one of another client, all get the
     * same refusal ({@link ClientRefusedException}), and repeated failures lock the database's client
     * exports for a while.
     */
    Export exportForClient(UUID id, @Nullable String accessCode, @Nullable String password);

    /**
     * The client's sign-in to their hosted database, with the same proof and the same refusals as
     * {@link #exportForClient}, counted and locked across every node: what they may know of it (its
     * status, and once the contract ended the day its destruction is due: exports close that day).
     */
    ClientView signInClient(UUID id, @Nullable String accessCode, @Nullable String password);

    /** What a signed-in client sees of their hosted database: nothing personal, no credentials. */
    record ClientView(UUID hostedDatabaseId, HostedDatabase.Status status, @Nullable LocalDate destructionDueOn) {}

    /** A hosted database's login. Never logged, never stored in clear. */
    record Credentials(UUID hostedDatabaseId, String jdbcUrl, String schema, String username, String password) {

        @Override
        public String toString() {
            return "Credentials[" + hostedDatabaseId + ", " + username + ", password hidden]";
        }
    }

    /** An export: the zip's bytes, its file name and SHA-256 (recorded). */
    record Export(UUID exportId, UUID hostedDatabaseId, String fileName, String sha256, byte[] zip) {}
}
