package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Staff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The node's copy of a member's grants ({@link GrantCopies}) against the database itself: whatever
 * grants are opened and ended, a decision given the stamp just read with the member's account weighs
 * exactly the grants a query of the database gives.
 */
@CharteIntegrationTest
class GrantCopiesTests {

    @Autowired
    JdbcGrants grants;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Subjects subjects;

    @Autowired
    Clock clock;

    StaffMember member(String role) {
        StaffMember member = directory.create(new StaffDirectory.NewStaff(role + "-" + UUID.randomUUID().toString().substring(0, 8), "Copie",
                role, Staff.PASSWORD));
        commitments.sign(member.id());
        return member;
    }

    UUID person() {
        return subjects.register(SubjectStatus.PROSPECT, new Identity("M.", "COPIE", "Dominique", null), LocalDate.of(2026, 3, 2));
    }

    long stamp(StaffMember member) {
        return accounts.acting(member.login()).orElseThrow().grantsStamp();
    }

    static List<Grant> sorted(List<Grant> grants) {
        return grants.stream().sorted(Comparator.comparing(Grant::id)).toList();
    }

    @Test
    @DisplayName("R6.1 a member's grants are copied once per stamp; every grant opened or ended changes the stamp, and the next decision weighs it")
    void onePerStamp() {
        StaffMember adv = member("adv");
        StaffMember dpo = member("dpo");
        UUID first = person();
        UUID second = person();
        long before = grants.copies().loads(adv.id());
        long stamp = stamp(adv);
        assertThat(grants.forGranteeAndResource(adv.id(), stamp, ResourceRef.subject(first))).isEmpty();
        Grant grant = grants.grantIndividual(adv.id(), "customer-service", Set.of("identity"), List.of(ResourceRef.subject(first)),
                clock.instant().plus(Duration.ofDays(2)), "copies", dpo.id());
        long opened = stamp(adv);
        assertThat(opened).as("the stamp changed with the grant").isNotEqualTo(stamp);
        for (int i = 0; i < 5; i++) {
            assertThat(grants.forGranteeAndResource(adv.id(), opened, ResourceRef.subject(first))).extracting(Grant::id).containsExactly(grant.id());
            assertThat(grants.forGranteeAndResource(adv.id(), opened, ResourceRef.subject(second))).isEmpty();
        }
        assertThat(grants.copies().loads(adv.id()) - before).as("one copy per stamp, whatever the number of decisions").isEqualTo(2);

        grants.revoke(grant.id(), dpo.id(), "done");
        long revoked = stamp(adv);
        assertThat(revoked).isNotEqualTo(opened);
        List<Grant> weighed = grants.forGranteeAndResource(adv.id(), revoked, ResourceRef.subject(first));
        assertThat(weighed).singleElement().satisfies(g -> assertThat(g.revokedAt()).as("ended: the decision tells it apart").isNotNull());
        assertThat(grants.copies().loads(adv.id()) - before).isEqualTo(3);
        assertThat(stamp(dpo)).as("the grantor's own grants did not change").isZero();
    }

    @Test
    @DisplayName("R6.1 whatever grants are opened and ended, the copy at the stamp just read answers what the database answers, resource by resource")
    void sameAsTheDatabase() {
        StaffMember adv = member("adv");
        StaffMember dpo = member("dpo");
        List<UUID> people = List.of(person(), person(), person(), person());
        List<Grant> open = new ArrayList<>();
        Random random = new Random(11);
        for (int step = 0; step < 25; step++) {
            if (open.isEmpty() || random.nextInt(3) > 0) {
                List<ResourceRef> named = people.stream().filter(p -> random.nextBoolean()).map(ResourceRef::subject).toList();
                open.add(grants.grantIndividual(adv.id(), "customer-service",
                        Set.of(random.nextBoolean() ? "identity" : "contact"), named.isEmpty() ? List.of(ResourceRef.subject(people.get(0))) : named,
                        clock.instant().plus(Duration.ofHours(1 + random.nextInt(48))), "step " + step, dpo.id()));
            } else {
                grants.revoke(open.remove(random.nextInt(open.size())).id(), dpo.id(), "step " + step);
            }
            long stamp = stamp(adv);
            for (UUID person : people) {
                ResourceRef resource = ResourceRef.subject(person);
                assertThat(sorted(grants.forGranteeAndResource(adv.id(), stamp, resource))).as("step %d", step)
                        .isEqualTo(sorted(grants.forGranteeAndResource(adv.id(), resource)));
            }
        }
    }

    @Test
    @DisplayName("R6.1 a member with more grant rows than a copy keeps is not copied: each decision reads the database")
    void tooManyToCopy() {
        StaffMember adv = member("adv");
        StaffMember dpo = member("dpo");
        UUID first = person();
        UUID second = person();
        Grant grant = grants.grantIndividual(adv.id(), "customer-service", Set.of("identity"), List.of(ResourceRef.subject(first),
                ResourceRef.subject(second)), clock.instant().plus(Duration.ofDays(1)), "many", dpo.id());
        GrantCopies small = new GrantCopies(1, 10);
        long stamp = stamp(adv);
        int[] reads = {0};
        for (int i = 0; i < 3; i++) {
            List<Grant> weighed = small.on(adv.id(), stamp, ResourceRef.subject(second), grants::loadCopy, () -> {
                reads[0]++;
                return grants.forGranteeAndResource(adv.id(), ResourceRef.subject(second));
            });
            assertThat(weighed).extracting(Grant::id).containsExactly(grant.id());
        }
        assertThat(small.loads(adv.id())).as("loaded once: its stamp says it is too big").isEqualTo(1);
        assertThat(reads[0]).as("each decision read the database").isEqualTo(3);
    }
}
