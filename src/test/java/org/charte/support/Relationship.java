package org.charte.support;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
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
}
