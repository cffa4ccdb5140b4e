package org.charte.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.commerce.Subscriptions;
import org.charte.hosting.HostedDatabases;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;

/**
 * What commerce and support tests start from: staff signed in with their commitment signed, people,
 * and the DPO's individual grants to reach a person's data for one purpose.
 */
public record Relationship(StaffDirectory directory, Commitments commitments, Grants grants, Subjects subjects, Clock clock, int port,
        Staff dpo) {

    public static Relationship of(StaffDirectory directory, Commitments commitments, Grants grants, Subjects subjects, Clock clock, int port) {
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        return new Relationship(directory, commitments, grants, subjects, clock, port, dpo);
    }

    /** A member of staff of that role, signed in over HTTP, who has signed the confidentiality commitment. */
    public Staff staff(String role) {
        return staff(role, null);
    }

    public Staff staff(String role, UUID subcontractorId) {
        Staff staff = Staff.signedIn(directory, port, role, subcontractorId);
        commitments.sign(staff.id());
        return staff;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A prospect born on that day (null: unknown), with a fictitious identity. */
    public UUID prospect(LocalDate birthDate) {
        return subjects.register(SubjectStatus.PROSPECT, new Identity("Mme", "TESTEUSE", "Camille", birthDate), today().minusYears(1));
    }

    public UUID adultProspect() {
        return prospect(LocalDate.of(1980, 5, 17));
    }

    /** The DPO's individual grant to a member of staff: one purpose, some categories, one person, one day. */
    public Grant grant(Staff grantee, String purpose, Set<String> categories, UUID subjectId) {
        return grants.grantIndividual(grantee.id(), purpose, categories, List.of(ResourceRef.subject(subjectId)),
                clock.instant().plus(Duration.ofDays(1)), "test of the " + purpose + " purpose", dpo.id());
    }

    /** Every purpose staff record commercial and support data under, with the categories each write is decided on. */
    public static final Map<String, Set<String>> RECORDING = Map.of("subscription-contract", Set.of("subscriptions", "identity"),
            "orders", Set.of("orders"), "deliveries", Set.of("orders", "contact"), "billing", Set.of("billing"),
            "unpaid-litigation", Set.of("billing"), "customer-service", Set.of("support-requests"));

    /**
     * The DPO's grants to a member of staff to add records to a person already recorded (subscriptions,
     * orders, deliveries, invoices, litigations, tickets), as such a write needs (R6.1).
     */
    public void mayRecordOn(Staff staff, UUID subjectId) {
        RECORDING.forEach((purpose, categories) -> grant(staff, purpose, categories, subjectId));
    }

    /**
     * An administrator's individual grant to the DPO (nobody grants to themselves): one purpose, some
     * categories, one person, one day; what the DPO needs to record a death or directives on a person already recorded.
     */
    public Grant grantToDpo(String purpose, Set<String> categories, UUID subjectId) {
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8),
                "Test administrator", "administrator", Staff.PASSWORD, null, false));
        return grants.grantIndividual(dpo.id(), purpose, categories, List.of(ResourceRef.subject(subjectId)),
                clock.instant().plus(Duration.ofDays(1)), "test of the " + purpose + " purpose", admin.id());
    }

    /**
     * A hosted database that exists: a new adult client subscribes (as {@code subscriber}) and the
     * database automatic provisioning makes for the subscription (on in the default test context).
     */
    public UUID hostedDatabase(Staff subscriber, Subscriptions subscriptions, HostedDatabases databases) {
        UUID client = adultProspect();
        grant(subscriber, "subscription-contract", Set.of("subscriptions", "identity"), client); // a record added to a known person
        UUID subscription = subscriptions.subscribe(AccessRequest.Actor.staff(subscriber.id()), client,
                new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null)).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var database = databases.ofSubscription(subscription);
            if (database.isPresent()) {
                return database.get().id();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no hosted database was provisioned for the subscription");
    }
}
