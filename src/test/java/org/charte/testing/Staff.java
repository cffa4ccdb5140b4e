package org.charte.testing;

import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.jspecify.annotations.Nullable;

/** Test staff: a new account with a unique login, signed in over HTTP with both factors. */
public record Staff(StaffMember member, String password, String secret, Http http) {

    public static final String PASSWORD = "a long enough password";

    public static Staff signedIn(StaffDirectory directory, int port, String role) {
        return signedIn(directory, port, role, null);
    }

    public static Staff signedIn(StaffDirectory directory, int port, String role, @Nullable UUID subcontractorId) {
        String login = role.replace("-subcontractor", "").replace("security-monitoring", "secmon") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        StaffMember member = directory.create(new StaffDirectory.NewStaff(login, "Test " + role, role, PASSWORD, subcontractorId, false));
        Http http = new Http(port);
        String secret = http.signInFirstTime(login, PASSWORD);
        return new Staff(member, PASSWORD, secret, http);
    }

    public UUID id() {
        return member.id();
    }
}
