package org.charte.access;

import java.time.Instant;
import java.util.UUID;

/**
 * How a database gets its first administrator (R8.3): {@code charte staff create-admin LOGIN}
 * creates the account without a usable password and prints a one-time link, where the
 * administrator sets their password and enrols their second factor (TOTP). The link expires after
 * {@link #VALIDITY_HOURS} hours and works once.
 */
public interface AdministratorEnrolment {

    /** How long an enrolment link stays usable. */
    int VALIDITY_HOURS = 24;

    /** Where an enrolment link leads, followed by its secret. */
    String PATH = "/backoffice/premier-acces/";

    /**
     * Creates an administrator and their enrolment link.
     *
     * @throws AccessException naming {@code login} when it is taken or not a valid login
     */
    Enrolment createAdministrator(String login, String displayName);

    /**
     * A new one-time link for an account that has not enrolled its second factor yet (its link
     * expired or was lost); the account's earlier unused links stop working.
     *
     * @throws AccessException naming {@code login} when there is no such account or it is enrolled already
     */
    Enrolment newLink(String login);

    /** Whether an account (enabled or not) has this login. */
    boolean loginExists(String login);

    /** Whether an administrator account (enabled) exists: a new database has none. */
    boolean administratorExists();

    /** A new administrator's one-time link: {@link #path()} on the server's address. */
    record Enrolment(UUID staffId, String login, String token, Instant expiresAt) {

        public String path() {
            return PATH + token;
        }

        @Override
        public String toString() {
            return "Enrolment[" + login + ", link hidden]";
        }
    }
}
