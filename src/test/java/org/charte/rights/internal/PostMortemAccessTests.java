package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.charte.access.DenialReasons;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which post-mortem matters open the DPO's grant, on what, and for how long (R6.1, R9.4): the rule alone. */
class PostMortemAccessTests {

    static final Instant VERIFIED = Instant.parse("2026-12-04T09:00:00Z");

    static RightsRequest request(RequestType type, RequestStatus status, UUID subjectId, Instant verifiedAt) {
        return new RightsRequest(UUID.randomUUID(), "R-2026-000042", type, RequestChannel.POST, "fr", LocalDate.of(2026, 12, 1),
                Instant.parse("2026-12-01T10:00:00Z"), status, subjectId, verifiedAt, RequestClock.receivedOn(LocalDate.of(2026, 12, 1)),
                status.open() ? null : VERIFIED, status.open() ? null : "answered");
    }

    @Test
    @DisplayName("R6.1 R9.4 R9.6 only a post-mortem request verified, linked to a person and still open opens the DPO's grant")
    void whichRequestsOpen() {
        UUID person = UUID.randomUUID();
        assertThat(PostMortemAccess.opens(request(RequestType.POST_MORTEM, RequestStatus.IN_PROGRESS, person, VERIFIED))).isTrue();
        assertThat(PostMortemAccess.opens(request(RequestType.POST_MORTEM, RequestStatus.AWAITING_INFORMATION, person, VERIFIED))).isTrue();
        assertThat(PostMortemAccess.opens(request(RequestType.POST_MORTEM, RequestStatus.AWAITING_VERIFICATION, person, null)))
                .as("R9.6 not before the identity is verified").isFalse();
        assertThat(PostMortemAccess.opens(request(RequestType.POST_MORTEM, RequestStatus.IN_PROGRESS, null, VERIFIED)))
                .as("nobody to reach").isFalse();
        assertThat(PostMortemAccess.opens(request(RequestType.POST_MORTEM, RequestStatus.ANSWERED, person, VERIFIED)))
                .as("answered at once: nothing waits for the DPO").isFalse();
        for (RequestType other : RequestType.values()) {
            if (other != RequestType.POST_MORTEM) {
                assertThat(PostMortemAccess.opens(request(other, RequestStatus.IN_PROGRESS, person, VERIFIED))).as(other.name()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("R6.1 R9.4 the grant reaches who the person is and their directives, within what the policy gives the DPO for rights requests")
    void categories() {
        Policy policy = PolicyLoader.loadDefault();
        Policy.Role dpo = policy.role("dpo").orElseThrow();
        assertThat(PostMortemAccess.CATEGORIES).containsExactlyInAnyOrder("identity", "other-information");
        assertThat(dpo.purposes()).contains("rights-requests");
        assertThat(dpo.categories()).containsAll(PostMortemAccess.CATEGORIES);
        assertThat(policy.purpose("rights-requests").orElseThrow().categories()).containsAll(PostMortemAccess.CATEGORIES);
    }

    @Test
    @DisplayName("R6.1 R9.4 L1 the grant lasts at most the longest time to answer a request, one month and two of extension, in Paris calendar months")
    void lastsThreeMonthsAtMost() {
        assertThat(PostMortemAccess.until(Instant.parse("2026-11-30T10:00:00Z"))).as("a day the month lacks is its last")
                .isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
        assertThat(PostMortemAccess.until(Instant.parse("2027-01-15T09:00:00Z"))).as("10:00 in Paris, winter and summer time")
                .isEqualTo(Instant.parse("2027-04-15T08:00:00Z"));
    }

    @Test
    @DisplayName("R6.1 R9.4 R6.5 each grant names what opened it and says why it opened and ended, in codes the audit log words")
    void referencesAndReasons() {
        UUID check = UUID.randomUUID();
        assertThat(PostMortemAccess.checkRef(check)).isEqualTo("death-check:" + check).hasSizeLessThanOrEqualTo(100);
        assertThat(PostMortemAccess.opened(request(RequestType.POST_MORTEM, RequestStatus.IN_PROGRESS, UUID.randomUUID(), VERIFIED)))
                .isEqualTo("post-mortem request R-2026-000042 verified");
        for (String reason : new String[] {PostMortemAccess.opened(request(RequestType.POST_MORTEM, RequestStatus.IN_PROGRESS,
                UUID.randomUUID(), VERIFIED)), PostMortemAccess.deathNotified(), PostMortemAccess.REQUEST_CLOSED,
                PostMortemAccess.DEATH_CARRIED_OUT, PostMortemAccess.DEATH_REJECTED}) {
            assertThat(DenialReasons.of(reason)).as(reason).isPresent();
        }
    }
}
