package org.charte.access;

import java.util.List;
import java.util.Optional;

/** Staff accounts: the people who sign in to the back office. */
public interface StaffDirectory {

    /**
     * Creates an account; the password is kept only as an Argon2id hash.
     *
     * @throws IllegalArgumentException when the login is taken or the role is not one of the policy's roles
     */
    StaffMember create(String login, String displayName, String role, String password);

    Optional<StaffMember> find(String login);

    List<StaffMember> all();

    long count();
}
