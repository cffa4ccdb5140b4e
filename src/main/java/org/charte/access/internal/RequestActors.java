package org.charte.access.internal;

import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.AccessRequest;
import org.charte.access.CurrentActor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

@Component
class RequestActors implements CurrentActor {

    private final StaffAccounts staff;

    RequestActors(StaffAccounts staff) {
        this.staff = staff;
    }

    @Override
    public AccessRequest.Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessException("actor", "not signed in");
        }
        String name = authentication.getName();
        if (name.startsWith("token:")) {
            return AccessRequest.Actor.token(UUID.fromString(name.substring("token:".length())));
        }
        // the account as the session's read brought it on this request, else read now
        return SessionActing.of(name).or(() -> staff.acting(name)).map(acting -> {
                    ActingStaffMemo.remember(acting);
                    return AccessRequest.Actor.staff(acting.member().id());
                })
                .orElseThrow(() -> new AccessException("actor", "not signed in"));
    }
}
