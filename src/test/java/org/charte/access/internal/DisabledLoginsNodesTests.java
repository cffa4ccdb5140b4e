package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.charte.access.AccessRequest;
import org.charte.access.AccountLockout;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The disabled-account check every signed-in request makes, remembered a short while: another
 * node is played by another {@link DisabledLogins} on the same database, as another JVM would be.
 */
@CharteIntegrationTest
class DisabledLoginsNodesTests {

    @Autowired
    DisabledLogins thisNode;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffDirectory directory;

    @Autowired
    AccountLockout lockout;

    @Test
    @DisplayName("L6 a disabled account is shut out at its next request on the node that disabled it, and within 2 seconds on another node")
    void lockOutBounded() {
        MutableClock otherClock = new MutableClock();
        DisabledLogins otherNode = new DisabledLogins(accounts, otherClock, Duration.ofSeconds(2));
        String login = "suspect-" + UUID.randomUUID().toString().substring(0, 8);
        StaffMember suspect = directory.create(new StaffDirectory.NewStaff(login, "Suspect", "adv", "a long enough password"));
        assertThat(thisNode.disabled(login)).isFalse();
        assertThat(otherNode.disabled(login)).as("remembered from now on, for 2 seconds").isFalse();

        lockout.lockStaff(suspect.id(), AccessRequest.Actor.staff(UUID.randomUUID()));

        assertThat(thisNode.disabled(login)).as("the node that disabled it forgets what it remembered").isTrue();
        otherClock.advance(Duration.ofSeconds(2));
        assertThat(otherNode.disabled(login)).as("another node answers from memory for 2 seconds at most").isTrue();
    }
}
