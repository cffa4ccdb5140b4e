package org.charte.registers.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.common.Zones;
import org.charte.registers.AssessmentSchedule;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The subcontractors register (R8.6): each subcontractor of the access module with its contract,
 * whether its users reach anything today (an expired contract already blocks them, R6.4), its last
 * data-protection assessment and the next one due by the {@link AssessmentSchedule}.
 */
@Component
class SubcontractorRegister {

    record Line(Subcontractor subcontractor, boolean contractInForce, LocalDate nextAssessmentDue, boolean assessmentOverdue,
            @Nullable LocalDate contractSignedOn, @Nullable LocalDate contractEndsOn) {}

    private final Subcontractors subcontractors;
    private final AssessmentSchedule schedule;
    private final Clock clock;

    SubcontractorRegister(Subcontractors subcontractors, Clock clock,
            @Value("${charte.registers.assessment-interval:P1Y}") Period interval) {
        this.subcontractors = subcontractors;
        this.schedule = new AssessmentSchedule(interval);
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    List<Line> lines() {
        LocalDate today = today();
        return subcontractors.all().stream().map(s -> new Line(s, s.contractInForce(today),
                schedule.nextDue(s.lastAssessmentOn(), s.contractSignedOn(), today),
                schedule.overdue(s.lastAssessmentOn(), s.contractSignedOn(), today), s.contractSignedOn(), s.contractEndsOn())).toList();
    }
}
