package org.charte.access.internal;

import java.security.Principal;
import org.charte.access.AccessException;
import org.charte.access.StaffMember;
import org.springframework.stereotype.Component;

/** The signed-in member of staff behind a request. */
@Component
class CurrentStaff {

    private final StaffAccounts accounts;

    CurrentStaff(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    StaffMember of(Principal principal) {
        return accounts.find(principal.getName())
                .orElseThrow(() -> new AccessException("actor", "only a signed-in member of staff may do this"));
    }
}
