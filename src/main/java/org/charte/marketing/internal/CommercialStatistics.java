package org.charte.marketing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.commerce.Subscriptions;
import org.charte.common.SmallCells;
import org.charte.common.Zones;
import org.charte.marketing.BasisKind;
import org.charte.marketing.CampaignAudiences;
import org.charte.marketing.MarketingChoices;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commercial statistics (R4.2): aggregates only, never a row about one person. Counts of consents,
 * withdrawals and objections in force per channel and marketing purpose, and people per status, each
 * cell under the threshold suppressed ({@link SmallCells}). The decision point decides the read as an
 * aggregate ({@link ResourceRef#aggregate()}): staff whose role serves {@code commercial-statistics},
 * with the current confidentiality commitment signed (R6.1), no grant since no one person is reached;
 * allowed or refused, it records one audit entry without a subject id (R6.5).
 */
@Service
class CommercialStatistics {

    static final String PURPOSE = "commercial-statistics";

    /** One channel and marketing purpose: counts of people by their basis in force, null when suppressed; rates in percent of all people. */
    record Cell(MarketingChannel channel, String purpose, @Nullable Long consents, @Nullable Double consentRate, @Nullable Long withdrawals,
            @Nullable Long objections, @Nullable Double objectionRate) {}

    /** People of one status, null when suppressed. */
    record StatusCount(SubjectStatus status, @Nullable Long people) {}

    /** A sent campaign: its reach and the objections on its channel for its purpose after it, by people it reached; null when suppressed. */
    record CampaignReach(String name, MarketingChannel channel, String purpose, LocalDate sentOn, @Nullable Long sent,
            @Nullable Long objectionsAfter) {}

    /** People of one plan or one region, null when suppressed. */
    record Count(String code, @Nullable Long people) {}

    /** The whole table: the threshold applied, all people (suppressed too when small), per status, per cell, per campaign, plan and region. */
    record Statistics(int minCell, @Nullable Long people, List<StatusCount> statuses, List<Cell> cells, List<CampaignReach> campaigns,
            List<Count> plans, List<Count> regions) {}

    private final JdbcMarketingStatistics counts;
    private final MarketingChoices choices;
    private final Subjects subjects;
    private final AccessDecisions decisions;
    private final SmallCells small;
    private final JdbcCampaigns campaigns;
    private final Subscriptions subscriptions;
    private final CampaignAudiences audiences;

    CommercialStatistics(JdbcMarketingStatistics counts, MarketingChoices choices, Subjects subjects, AccessDecisions decisions,
            JdbcCampaigns campaigns, Subscriptions subscriptions, CampaignAudiences audiences, @Value("${charte.marketing.statistics.min-cell:" + SmallCells.DEFAULT_MIN_CELL + "}") int minCell) {
        this.counts = counts;
        this.choices = choices;
        this.subjects = subjects;
        this.decisions = decisions;
        this.small = new SmallCells(minCell);
        this.campaigns = campaigns;
        this.subscriptions = subscriptions;
        this.audiences = audiences;
    }

    /**
     * The statistics, for an actor allowed the purpose {@code commercial-statistics}.
     *
     * @throws AccessDeniedException when refused (recorded in the audit log)
     */
    @Transactional(readOnly = true)
    Statistics read(Actor actor) {
        decisions.require(new AccessRequest(actor, PURPOSE, AccessRequest.Action.READ, Set.of(), ResourceRef.aggregate()));
        Map<SubjectStatus, Long> byStatus = new EnumMap<>(SubjectStatus.class);
        byStatus.putAll(subjects.countByStatus());
        long people = byStatus.values().stream().mapToLong(Long::longValue).sum();
        List<StatusCount> statuses = new ArrayList<>();
        for (SubjectStatus status : SubjectStatus.values()) {
            statuses.add(new StatusCount(status, small.shown(byStatus.getOrDefault(status, 0L))));
        }
        Map<String, Long> byKey = new HashMap<>();
        for (JdbcMarketingStatistics.Count c : counts.counts()) {
            byKey.merge(key(c.channel(), c.purpose(), c.kind()), c.people(), Long::sum);
        }
        List<Cell> cells = new ArrayList<>();
        for (String purpose : choices.purposes()) {
            for (MarketingChannel channel : MarketingChannel.values()) {
                long consents = byKey.getOrDefault(key(channel, purpose, BasisKind.CONSENT), 0L);
                long withdrawals = byKey.getOrDefault(key(channel, purpose, BasisKind.CONSENT_WITHDRAWN), 0L);
                long objections = byKey.getOrDefault(key(channel, purpose, BasisKind.OBJECTION), 0L);
                cells.add(new Cell(channel, purpose, small.shown(consents), small.rate(consents, people), small.shown(withdrawals),
                        small.shown(objections), small.rate(objections, people)));
            }
        }
        Map<UUID, Long> objectionsAfter = campaigns.objectionsAfter();
        List<CampaignReach> reaches = new ArrayList<>();
        for (Campaign c : campaigns.sent(100)) {
            reaches.add(new CampaignReach(c.name(), c.channel(), c.purpose(), LocalDate.ofInstant(c.sentAt(), Zones.PARIS), small.shown(c.sentCount()),
                    small.shown(objectionsAfter.getOrDefault(c.id(), 0L))));
        }
        List<Count> plans = new ArrayList<>();
        subscriptions.peopleByPlan().forEach((plan, n) -> plans.add(new Count(plan, small.shown(n))));
        List<Count> regions = new ArrayList<>();
        new TreeMap<>(audiences.peopleByRegion()).forEach((region, n) -> regions.add(new Count(region, small.shown(n))));
        return new Statistics(small.minCell(), small.shown(people), statuses, cells, reaches, plans, regions);
    }

    private static String key(MarketingChannel channel, String purpose, BasisKind kind) {
        return channel.name() + '|' + purpose + '|' + kind.name();
    }
}
