package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whether a member of staff signed the current commitment, as each decision asks, remembered a short
 * while: another node is played by another {@link SignedCommitments} on the same database.
 */
@CharteIntegrationTest
class SignedCommitmentsNodesTests {

    @Autowired
    SignedCommitments thisNode;

    @Autowired
    Commitments commitments;

    @Autowired
    StaffDirectory directory;

    @Test
    @DisplayName("R6.1 R8.2 a signature holds at the next decision on the node that recorded it, and within 2 seconds on another node")
    void signatureBounded() {
        MutableClock otherClock = new MutableClock();
        SignedCommitments otherNode = new SignedCommitments(otherClock, Duration.ofSeconds(2));
        StaffMember member = directory.create(new StaffDirectory.NewStaff("sign-" + UUID.randomUUID().toString().substring(0, 8), "Signer",
                "adv", "a long enough password"));
        assertThat(thisNode.signedCurrent(member.id(), commitments::signedCurrent)).isFalse();
        assertThat(otherNode.signedCurrent(member.id(), commitments::signedCurrent)).as("remembered from now on, for 2 seconds").isFalse();

        commitments.sign(member.id());

        assertThat(thisNode.signedCurrent(member.id(), commitments::signedCurrent)).as("the node that recorded it forgets what it remembered")
                .isTrue();
        assertThat(otherNode.signedCurrent(member.id(), commitments::signedCurrent)).as("another node answers from memory").isFalse();
        otherClock.advance(Duration.ofSeconds(2));
        assertThat(otherNode.signedCurrent(member.id(), commitments::signedCurrent)).as("for 2 seconds at most").isTrue();
    }
}
