package org.charte.access;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A subcontractor organisation (R6.4, R8.6): its contract with data-protection clauses and the
 * date of its last data-protection assessment. Its users reach nothing while the contract is
 * missing, without clauses, or not in force.
 */
public record Subcontractor(UUID id, String name, String role, @Nullable LocalDate contractSignedOn,
        @Nullable LocalDate contractEndsOn, boolean dataProtectionClauses, @Nullable LocalDate lastAssessmentOn) {

    public boolean contractInForce(LocalDate day) {
        return dataProtectionClauses && contractSignedOn != null && !contractSignedOn.isAfter(day)
                && (contractEndsOn == null || !contractEndsOn.isBefore(day));
    }
}
