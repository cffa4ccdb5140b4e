package org.charte.marketing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.charte.common.Zones;
import org.charte.marketing.Audience;
import org.charte.marketing.AudienceRule;
import org.charte.marketing.BasisKind;
import org.charte.marketing.CampaignAudiences;
import org.charte.marketing.Capacity;
import org.charte.marketing.Exclusion;
import org.charte.marketing.FormerClientMarketing;
import org.charte.marketing.FrenchRegions;
import org.charte.marketing.PhoneCallRules;
import org.charte.marketing.Segment;
import org.charte.marketing.internal.JdbcAudience.Flag;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's audience: one query selects the segment's facts ({@link JdbcAudience}), grouped for
 * the dry run or person by person for the sending, and {@link AudienceRule} decides each group or
 * person, so that both give the same answer.
 */
@Service
class AudienceService implements CampaignAudiences {

    /** An answer of the rule: eligible (no exclusion) or the first exclusion. */
    private record Answer(Optional<Exclusion> exclusion) {}

    private final JdbcAudience rows;

    AudienceService(JdbcAudience rows) {
        this.rows = rows;
    }

    @Override
    @Transactional(readOnly = true)
    public Audience count(MarketingChannel channel, String purpose, Segment segment, Instant at) {
        Map<Exclusion, Long> excluded = new EnumMap<>(Exclusion.class);
        long[] totals = new long[2];
        Map<AudienceRule.Facts, Answer> answers = new HashMap<>();
        rows.groups(question(channel, purpose, segment, at), rs -> {
            long n = rs.getLong("n");
            Answer answer = answers.computeIfAbsent(facts(rs), f -> new Answer(Optional.ofNullable(AudienceRule.exclusion(channel, f, at))));
            totals[0] += n;
            answer.exclusion().ifPresentOrElse(e -> excluded.merge(e, n, Long::sum), () -> totals[1] += n);
        });
        return new Audience(totals[0], totals[1], excluded);
    }

    @Override
    @Transactional(readOnly = true)
    public void eachEligible(MarketingChannel channel, String purpose, Segment segment, Instant at, Consumer<UUID> person) {
        Map<AudienceRule.Facts, Answer> answers = new HashMap<>();
        rows.each(question(channel, purpose, segment, at), rs -> {
            Answer answer = answers.computeIfAbsent(facts(rs), f -> new Answer(Optional.ofNullable(AudienceRule.exclusion(channel, f, at))));
            if (answer.exclusion().isEmpty()) {
                person.accept(rs.getObject("subject_id", UUID.class));
            }
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Long> peopleByRegion() {
        return rows.peopleByRegion(FrenchRegions.UNKNOWN);
    }

    static JdbcAudience.Question question(MarketingChannel channel, String purpose, Segment segment, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, Zones.PARIS);
        return new JdbcAudience.Question(channel, purpose, segment, at, day, FormerClientMarketing.cutoff(day), PhoneCallRules.attemptsCountFrom(at),
                PhoneCallRules.refusalsCountFrom(at));
    }

    private static AudienceRule.Facts facts(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        int flags = rs.getInt("flags");
        return new AudienceRule.Facts(SubjectStatus.valueOf(rs.getString("status")), Capacity.valueOf(rs.getString("capacity")),
                kind == null ? null : BasisKind.valueOf(kind), Flag.DECEASED.in(flags), Flag.RESTRICTED.in(flags), Flag.HELD.in(flags),
                Flag.EXPIRED.in(flags), Flag.REACHABLE.in(flags), Flag.SUPPRESSED.in(flags), zones(rs.getString("zones")), Flag.OTHER_HOURS.in(flags),
                rs.getInt("attempts"), Flag.REFUSED.in(flags));
    }

    private static List<ZoneId> zones(String ids) {
        List<ZoneId> zones = new ArrayList<>();
        for (String id : ids.strip().split(" +")) {
            if (!id.isEmpty()) {
                zones.add(ZoneId.of(id));
            }
        }
        return zones;
    }
}
