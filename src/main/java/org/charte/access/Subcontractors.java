package org.charte.access;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public interface Subcontractors {

    /** @param role the policy role its users get: support-subcontractor or security-monitoring-subcontractor */
    Subcontractor register(String name, String role);

    Subcontractor recordContract(UUID id, LocalDate signedOn, @Nullable LocalDate endsOn, boolean dataProtectionClauses);

    Subcontractor recordAssessment(UUID id, LocalDate assessedOn);

    Optional<Subcontractor> find(UUID id);

    List<Subcontractor> all();
}
