package org.charte.marketing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.marketing.Capacity;
import org.charte.marketing.Exclusion;
import org.charte.marketing.Segment;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Text;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of campaigns, their exclusions at sending and their per-person sends. SQL and row mapping only. */
@Repository
class JdbcCampaigns {

    private static final String COLUMNS = "id, name, purpose, channel, subject_fr, subject_en, body_fr, body_en, segment_statuses, "
            + "segment_plans, segment_regions, segment_capacity, last_contact_from, last_contact_to, status, created_by, created_at, "
            + "sent_by, sent_at, sent_count";

    private final JdbcClient jdbc;

    JdbcCampaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Campaign.Definition d, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO marketing_campaign (id, name, purpose, channel, subject_fr, subject_en, body_fr, body_en, segment_statuses, "
                        + "segment_plans, segment_regions, segment_capacity, last_contact_from, last_contact_to, status, created_by, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, d.name(), d.purpose(), d.channel().name(), fr(d.subject()), en(d.subject()), fr(d.body()), en(d.body()),
                        statuses(d.segment()), join(d.segment().plans()), join(d.segment().regions()),
                        d.segment().capacity() == null ? null : d.segment().capacity().name(), d.segment().lastContactFrom(),
                        d.segment().lastContactTo(), CampaignStatus.DRAFT.name(), createdBy, utc(at), utc(at))
                .update();
    }

    /** Rewrites a draft; false when it is no longer a draft. */
    boolean updateDraft(UUID id, Campaign.Definition d, Instant at) {
        return jdbc.sql("UPDATE marketing_campaign SET name = ?, purpose = ?, channel = ?, subject_fr = ?, subject_en = ?, body_fr = ?, "
                        + "body_en = ?, segment_statuses = ?, segment_plans = ?, segment_regions = ?, segment_capacity = ?, last_contact_from = ?, "
                        + "last_contact_to = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(d.name(), d.purpose(), d.channel().name(), fr(d.subject()), en(d.subject()), fr(d.body()), en(d.body()),
                        statuses(d.segment()), join(d.segment().plans()), join(d.segment().regions()),
                        d.segment().capacity() == null ? null : d.segment().capacity().name(), d.segment().lastContactFrom(),
                        d.segment().lastContactTo(), utc(at), id, CampaignStatus.DRAFT.name())
                .update() == 1;
    }

    /** The campaign, its row locked until the transaction ends. */
    Optional<Campaign> lock(UUID id) {
        jdbc.sql("SELECT id FROM marketing_campaign WHERE id = ? FOR UPDATE").param(id).query(UUID.class).list();
        return find(id);
    }

    Optional<Campaign> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_campaign WHERE id = ?").param(id).query(this::row).optional();
    }

    /** The newest first. */
    List<Campaign> list(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_campaign ORDER BY created_at DESC, id DESC LIMIT ?").param(limit)
                .query(this::row).list();
    }

    /** The sent campaigns, the latest first. */
    List<Campaign> sent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_campaign WHERE status = 'SENT' ORDER BY sent_at DESC, id DESC LIMIT ?").param(limit)
                .query(this::row).list();
    }

    /** Marks the sending begun (from a draft), by whom and when; false when it was not a draft. */
    boolean startSending(UUID id, String by, Instant at) {
        return jdbc.sql("UPDATE marketing_campaign SET status = ?, sent_by = ?, send_started_at = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(CampaignStatus.SENDING.name(), by, utc(at), utc(at), id, CampaignStatus.DRAFT.name()).update() == 1;
    }

    boolean cancel(UUID id, Instant at) {
        return jdbc.sql("UPDATE marketing_campaign SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(CampaignStatus.CANCELLED.name(), utc(at), id, CampaignStatus.DRAFT.name()).update() == 1;
    }

    /** Records that the person was sent the campaign's message; false when they had been already (nothing recorded). */
    boolean recordSend(UUID campaignId, UUID subjectId, Instant at) {
        if (sentTo(campaignId, subjectId)) {
            return false;
        }
        jdbc.sql("INSERT INTO marketing_campaign_send (campaign_id, subject_id, sent_at) VALUES (?, ?, ?)")
                .params(campaignId, subjectId, utc(at)).update();
        return true;
    }

    boolean sentTo(UUID campaignId, UUID subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_campaign_send WHERE campaign_id = ? AND subject_id = ?")
                .params(campaignId, subjectId).query(Long.class).single() > 0;
    }

    /** Closes the sending: the count of people reached and those left out by first exclusion. */
    void finishSending(UUID id, Map<Exclusion, Long> excluded, Instant at) {
        long sent = jdbc.sql("SELECT COUNT(*) FROM marketing_campaign_send WHERE campaign_id = ?").param(id).query(Long.class).single();
        jdbc.sql("DELETE FROM marketing_campaign_exclusion WHERE campaign_id = ?").param(id).update();
        excluded.forEach((exclusion, people) -> {
            if (people > 0) {
                jdbc.sql("INSERT INTO marketing_campaign_exclusion (campaign_id, exclusion, people) VALUES (?, ?, ?)")
                        .params(id, exclusion.name(), people).update();
            }
        });
        jdbc.sql("UPDATE marketing_campaign SET status = ?, sent_at = ?, sent_count = ?, updated_at = ? WHERE id = ?")
                .params(CampaignStatus.SENT.name(), utc(at), sent, utc(at), id).update();
    }

    /** Per sent campaign: the people it reached who objected on its channel for its purpose (or to all purposes) after it was sent. */
    Map<UUID, Long> objectionsAfter() {
        return jdbc.sql("SELECT c.id, COUNT(DISTINCT s.subject_id) FROM marketing_campaign c "
                        + "JOIN marketing_campaign_send s ON s.campaign_id = c.id "
                        + "JOIN marketing_basis b ON b.subject_id = s.subject_id AND b.channel = c.channel AND b.purpose = c.purpose "
                        + "AND b.kind = 'OBJECTION' AND b.recorded_at >= s.sent_at "
                        + "WHERE c.status = 'SENT' GROUP BY c.id")
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    int deleteSubjects(Collection<UUID> subjectIds) {
        return jdbc.sql("DELETE FROM marketing_campaign_send WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds)).update();
    }

    private Campaign row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Set<SubjectStatus> statuses = EnumSet.noneOf(SubjectStatus.class);
        split(rs.getString("segment_statuses")).forEach(s -> statuses.add(SubjectStatus.valueOf(s)));
        String capacity = rs.getString("segment_capacity");
        Segment segment = new Segment(statuses, Set.copyOf(split(rs.getString("segment_plans"))), Set.copyOf(split(rs.getString("segment_regions"))),
                capacity == null ? null : Capacity.valueOf(capacity), rs.getObject("last_contact_from", LocalDate.class),
                rs.getObject("last_contact_to", LocalDate.class));
        OffsetDateTime sentAt = rs.getObject("sent_at", OffsetDateTime.class);
        Map<Exclusion, Long> excluded = new EnumMap<>(Exclusion.class);
        jdbc.sql("SELECT exclusion, people FROM marketing_campaign_exclusion WHERE campaign_id = ?").param(id)
                .query((r, i) -> Map.entry(Exclusion.valueOf(r.getString(1)), r.getLong(2))).list()
                .forEach(e -> excluded.put(e.getKey(), e.getValue()));
        return new Campaign(id, rs.getString("name"), rs.getString("purpose"), MarketingChannel.valueOf(rs.getString("channel")),
                text(rs.getString("subject_fr"), rs.getString("subject_en")), text(rs.getString("body_fr"), rs.getString("body_en")), segment,
                CampaignStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("sent_by"), sentAt == null ? null : sentAt.toInstant(),
                rs.getLong("sent_count"), excluded);
    }

    private static @Nullable Text text(@Nullable String fr, @Nullable String en) {
        return fr == null || en == null ? null : new Text(fr, en);
    }

    private static @Nullable String fr(@Nullable Text text) {
        return text == null ? null : text.fr();
    }

    private static @Nullable String en(@Nullable Text text) {
        return text == null ? null : text.en();
    }

    private static String statuses(Segment segment) {
        return segment.statuses().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String join(Set<String> codes) {
        return codes.stream().sorted().collect(Collectors.joining(","));
    }

    private static List<String> split(@Nullable String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
