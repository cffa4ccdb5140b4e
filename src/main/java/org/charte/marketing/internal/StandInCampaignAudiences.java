package org.charte.marketing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.charte.access.ProcessingRestrictions;
import org.charte.common.Zones;
import org.charte.marketing.Audience;
import org.charte.marketing.CampaignAudiences;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.Exclusion;
import org.charte.marketing.Segment;
import org.charte.marketing.SolicitationBasis;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.Subjects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A STAND-IN for the campaign audience, one person at a time through the existing services, so
 * that campaigns run before the real (grouped SQL) implementation is merged; the lead deletes it
 * then. It sees: restriction, no address, the suppression list, and the basis (objection,
 * withdrawal, none); not death, holds, the archive, L4's three years, the phone rules nor regions
 * (a region filter is ignored, and every person's region is "unknown").
 */
@Component
class StandInCampaignAudiences implements CampaignAudiences {

    private final JdbcClient jdbc;
    private final Subjects subjects;
    private final Solicitations solicitations;
    private final ProcessingRestrictions restrictions;
    private final BasisHistory history;

    StandInCampaignAudiences(JdbcClient jdbc, Subjects subjects, Solicitations solicitations, ProcessingRestrictions restrictions,
            BasisHistory history) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.solicitations = solicitations;
        this.restrictions = restrictions;
        this.history = history;
    }

    @Override
    public Audience count(MarketingChannel channel, String purpose, Segment segment, Instant at) {
        long[] targeted = {0};
        long[] eligible = {0};
        Map<Exclusion, Long> excluded = new EnumMap<>(Exclusion.class);
        each(channel, purpose, segment, at, (id, exclusion) -> {
            targeted[0]++;
            if (exclusion.isEmpty()) {
                eligible[0]++;
            } else {
                excluded.merge(exclusion.get(), 1L, Long::sum);
            }
        });
        return new Audience(targeted[0], eligible[0], excluded);
    }

    @Override
    public void eachEligible(MarketingChannel channel, String purpose, Segment segment, Instant at, Consumer<UUID> person) {
        each(channel, purpose, segment, at, (id, exclusion) -> {
            if (exclusion.isEmpty()) {
                person.accept(id);
            }
        });
    }

    @Override
    public Map<String, Long> peopleByRegion() {
        return Map.of("unknown", jdbc.sql("SELECT COUNT(*) FROM data_subject").query(Long.class).single());
    }

    private void each(MarketingChannel channel, String purpose, Segment segment, Instant at,
            BiConsumer<UUID, Optional<Exclusion>> sink) {
        LocalDate day = LocalDate.ofInstant(at, Zones.PARIS);
        List<UUID> ids = jdbc.sql("SELECT id FROM data_subject ORDER BY id").query(UUID.class).list();
        for (UUID id : ids) {
            Lifecycle lifecycle = subjects.lifecycle(id).orElse(null);
            if (lifecycle == null || !targeted(id, lifecycle, segment)) {
                continue;
            }
            sink.accept(id, exclusion(id, channel, purpose, day));
        }
    }

    private boolean targeted(UUID id, Lifecycle lifecycle, Segment segment) {
        if (!segment.statuses().isEmpty() && !segment.statuses().contains(lifecycle.status())) {
            return false;
        }
        if (segment.lastContactFrom() != null && lifecycle.lastContactOn().isBefore(segment.lastContactFrom())) {
            return false;
        }
        if (segment.lastContactTo() != null && lifecycle.lastContactOn().isAfter(segment.lastContactTo())) {
            return false;
        }
        if (segment.capacity() != null) {
            List<CapacityChange> capacities = history.capacities(id);
            Capacity capacity = capacities.isEmpty() ? Capacity.CONSUMER : capacities.getLast().capacity();
            if (capacity != segment.capacity()) {
                return false;
            }
        }
        if (!segment.plans().isEmpty()) {
            List<String> plans = jdbc.sql("SELECT DISTINCT plan_code FROM subscription WHERE subject_id = ?").param(id).query(String.class).list();
            return plans.stream().anyMatch(segment.plans()::contains);
        }
        return true;
    }

    private Optional<Exclusion> exclusion(UUID id, MarketingChannel channel, String purpose, LocalDate day) {
        if (restrictions.isRestricted(id)) {
            return Optional.of(Exclusion.RESTRICTED);
        }
        Contacts contacts = subjects.contactsForSending(id);
        List<String> addresses = switch (channel) {
            case EMAIL -> contacts.emails();
            case SMS, PHONE -> contacts.phones();
            case POST -> contacts.addresses().isEmpty() ? List.of() : List.of("address");
        };
        if (addresses.isEmpty()) {
            return Optional.of(Exclusion.NO_ADDRESS);
        }
        if (channel != MarketingChannel.POST && addresses.stream().anyMatch(a -> solicitations.suppressed(channel, purpose, a))) {
            return Optional.of(Exclusion.SUPPRESSED);
        }
        SolicitationBasis.Verdict verdict = solicitations.maySolicit(id, channel, purpose, day);
        if (verdict.allowed()) {
            return Optional.empty();
        }
        return Optional.of(switch (verdict.reason()) {
            case OBJECTED -> Exclusion.OBJECTED;
            case CONSENT_WITHDRAWN -> Exclusion.CONSENT_WITHDRAWN;
            default -> Exclusion.NO_BASIS;
        });
    }
}
