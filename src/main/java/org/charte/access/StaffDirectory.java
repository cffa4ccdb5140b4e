package org.charte.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Staff accounts: the people who sign in to the back office. */
public interface StaffDirectory {

    /**
     * Creates an account; the password is kept only as an Argon2id hash. The second factor is
     * enrolled at first sign-in.
     *
     * @throws AccessException when the login is taken, the role is not one of the policy's roles,
     *     the password is too short, or a subcontractor role has no subcontractor (or a staff role has one)
     */
    StaffMember create(NewStaff staff);

    /** Enrols a TOTP secret directly: for the demo accounts only, whose secrets are printed. */
    void enrolDemo(String login, byte[] totpSecret);

    /** The TOTP secret (base32) of a demo account, to type into an authenticator app; refuses any other account. */
    String demoSecret(String login);

    /** The current TOTP code of a demo account; refuses any other account. */
    String demoCode(String login);

    Optional<StaffMember> find(String login);

    Optional<StaffMember> find(UUID id);

    List<StaffMember> all();

    long count();

    /** What a new account needs. Password at least 12 characters. */
    record NewStaff(String login, String displayName, String role, String password, @Nullable UUID subcontractorId, boolean demo) {
        public NewStaff(String login, String displayName, String role, String password) {
            this(login, displayName, role, password, null, false);
        }
    }
}
