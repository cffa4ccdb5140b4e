package org.charte.marketing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.common.Zones;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.SolicitationBasis;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The system's questions about solicitation: the facts from the rows, the answer from {@link SolicitationBasis}. */
@Service
class SolicitationService implements Solicitations {

    private final JdbcMarketing rows;
    private final SuppressionList suppressions;
    private final Subjects subjects;
    private final Clock clock;

    SolicitationService(JdbcMarketing rows, SuppressionList suppressions, Subjects subjects, Clock clock) {
        this.rows = rows;
        this.clock = clock;
        this.suppressions = suppressions;
        this.subjects = subjects;
    }

    @Override
    @Transactional(readOnly = true)
    public SolicitationBasis.Verdict maySolicit(UUID subjectId, MarketingChannel channel, String purpose, LocalDate day) {
        SubjectStatus status = subjects.status(subjectId).orElse(null);
        if (status == null) {
            return new SolicitationBasis.Verdict(false, SolicitationBasis.Reason.NO_BASIS);
        }
        List<CapacityChange> capacities = rows.capacities(subjectId);
        Capacity capacity = capacities.isEmpty() ? Capacity.CONSUMER : capacities.getLast().capacity();
        return SolicitationBasis.decide(SolicitationBasis.Facts.of(channel, capacity, status, rows.currentKind(subjectId, channel, purpose).orElse(null), day));
    }

    @Override
    @Transactional(readOnly = true)
    public boolean suppressed(MarketingChannel channel, String purpose, String address) {
        return address != null && suppressions.suppressed(channel, purpose, address, LocalDate.now(clock.withZone(Zones.PARIS)));
    }

    @Override
    @Transactional
    public int purgeSuppressions(LocalDate day) {
        return suppressions.purge(day);
    }
}
