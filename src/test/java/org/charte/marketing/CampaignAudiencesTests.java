package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.commerce.Subscriptions;
import org.charte.common.Zones;
import org.charte.policy.MarketingChannel;
import org.charte.retention.LegalHolds;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostMortem;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign's audience on the real database (R9.9, L2, L4, L5, L9, Art. 18): people recorded and
 * changed through the real services, counted by {@link CampaignAudiences#count} with exact numbers
 * per exclusion, and {@link CampaignAudiences#eachEligible} giving exactly the eligible ones. The
 * database is shared with other tests: each test counts before and after adding its people, so the
 * differences are theirs alone.
 */
@Tag("db")
class CampaignAudiencesTests extends RightsTestBase {

    static final String CS = "customer-service";
    static final String NEWSLETTERS = "newsletters";
    static final String PROSPECTING = "loyalty-prospecting";
    /** Tuesday 30 March 2027, 10:30 in Paris; Easter Monday the day before. */
    static final Instant TUESDAY = paris(2027, 3, 30, 10, 30);
    static final Instant EASTER_MONDAY = paris(2027, 3, 29, 10, 30);

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired CampaignAudiences audiences;
    @Autowired ProcessingRestrictions restrictions;
    @Autowired LegalHolds holds;
    @Autowired PostMortem postMortem;
    @Autowired Subscriptions subscriptions;
    @Autowired PhoneCalls phoneCalls;
    @Autowired MarketingRetention erasures;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff adv;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
    }

    static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(Zones.PARIS).toInstant();
    }

    static String email() {
        return "audience-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static String mobile(String prefix) {
        return prefix + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    Actor staff() {
        return Actor.staff(adv.id());
    }

    /** A person recorded through the subjects module, with customer service granted on their contacts for 200 days. */
    UUID person(SubjectStatus status, @Nullable String email, @Nullable String phone, @Nullable String postalCode, LocalDate lastContact) {
        List<PostalAddress> addresses = postalCode == null ? List.of()
                : List.of(new PostalAddress(List.of("5 rue des Tilleuls"), postalCode, switch (postalCode) { case "97400" -> "Saint-Denis"; case "75011" -> "Paris"; default -> "Dijon"; }, "FR"));
        UUID subject = subjects.register(status, new PersonalData(new Identity("Mme", "AUDIENCE", "Claude", LocalDate.of(1979, 4, 12)),
                new Contacts(addresses, email == null ? List.of() : List.of(email), phone == null ? List.of() : List.of(phone)), null), lastContact);
        grants.grantIndividual(adv.id(), CS, Set.of(Subjects.CONTACT), List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(200)), "test of campaign audiences", world.dpo().id());
        return subject;
    }

    UUID prospect(@Nullable String email, @Nullable String phone) {
        return person(SubjectStatus.PROSPECT, email, phone, "21000", world.today().minusMonths(1));
    }

    void consent(UUID subject, MarketingChannel channel, String purpose) {
        choices.consent(staff(), CS, subject, new MarketingChoices.NewConsent(channel, purpose, Means.FORM, "audience-form-v1", null));
    }

    Map<Exclusion, Long> difference(Audience before, Audience after) {
        Map<Exclusion, Long> delta = new EnumMap<>(Exclusion.class);
        for (Exclusion exclusion : Exclusion.values()) {
            long n = after.excluded().get(exclusion) - before.excluded().get(exclusion);
            if (n != 0) {
                delta.put(exclusion, n);
            }
        }
        return delta;
    }

    Set<UUID> eligible(MarketingChannel channel, String purpose, Segment segment, Instant at) {
        Set<UUID> found = new HashSet<>();
        audiences.eachEligible(channel, purpose, segment, at, id -> assertThat(found.add(id)).as("each once").isTrue());
        return found;
    }

    @Test
    @DisplayName("R9.9 L4 L5 L9 Art. 18 an e-mail campaign's dry run counts each person once under the first exclusion; the sending list is exactly the eligible")
    void emailCampaign() {
        Audience before = audiences.count(MarketingChannel.EMAIL, NEWSLETTERS, Segment.everyone(), TUESDAY);
        Set<UUID> eligibleBefore = eligible(MarketingChannel.EMAIL, NEWSLETTERS, Segment.everyone(), TUESDAY);

        UUID deceased = prospect(email(), null);
        consent(deceased, MarketingChannel.EMAIL, NEWSLETTERS);
        restrictions.restrict(deceased, ProcessingRestrictions.Reason.NOT_STATED, null, "system");
        world.grantToDpo("rights-requests", Set.of("identity"), deceased);
        postMortem.notifyDeath(Actor.staff(world.dpo().id()), deceased, new PostMortem.DeathNotice(world.today().minusDays(3),
                PostMortem.Source.FAMILY));

        UUID restricted = prospect(email(), null);
        consent(restricted, MarketingChannel.EMAIL, NEWSLETTERS);
        restrictions.restrict(restricted, ProcessingRestrictions.Reason.ACCURACY_CONTESTED, null, "system");

        UUID held = prospect(email(), null);
        consent(held, MarketingChannel.EMAIL, NEWSLETTERS);
        holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("litigation", held, null, null, "litige-audience", null));

        UUID released = prospect(email(), null);
        consent(released, MarketingChannel.EMAIL, NEWSLETTERS);
        LegalHolds.Hold hold = holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("litigation", released, null, null, "litige-leve",
                null));
        holds.release(Actor.staff(world.dpo().id()), hold.id());

        // L4: a former client whose contract ended, and last contact was, in 2023 (the subjects module's lifecycle, as commerce moves it)
        UUID former = person(SubjectStatus.CLIENT_ACTIVE, email(), null, "75011", LocalDate.of(2023, 6, 1));
        subjects.contractsEnded(former, LocalDate.of(2023, 6, 30));
        choices.record(staff(), CS, former, new MarketingChoices.NewBasis(MarketingChannel.EMAIL, NEWSLETTERS, BasisKind.ANALOGOUS_OFFERS, Means.FORM,
                "order-notice-v1", null));
        UUID recentFormer = person(SubjectStatus.CLIENT_ACTIVE, email(), null, "75011", LocalDate.of(2025, 6, 1));
        subjects.contractsEnded(recentFormer, LocalDate.of(2025, 6, 30));
        choices.record(staff(), CS, recentFormer, new MarketingChoices.NewBasis(MarketingChannel.EMAIL, NEWSLETTERS, BasisKind.ANALOGOUS_OFFERS,
                Means.FORM, "order-notice-v1", null));

        UUID noAddress = prospect(null, mobile("+33613"));
        consent(noAddress, MarketingChannel.EMAIL, NEWSLETTERS);

        // L9: an objection puts the person's e-mail on the suppression list; another person recorded with it starts objected and suppressed
        String shared = email();
        UUID objector = prospect(shared, null);
        choices.object(staff(), CS, objector, new MarketingChoices.NewObjection(Set.of(MarketingChannel.EMAIL), NEWSLETTERS, Means.LETTER, null),
                false);
        UUID newcomer = prospect(shared, null);

        // L5: objected without an address then, so no hash of theirs was suppressed; the e-mail given later is reachable
        UUID objected = prospect(null, null);
        choices.object(staff(), CS, objected, new MarketingChoices.NewObjection(Set.of(MarketingChannel.EMAIL), NEWSLETTERS, Means.LETTER, null),
                false);
        subjects.update(staff(), CS, objected, new Subjects.Change(null, new Contacts(List.of(), List.of(email()), List.of()), null));

        UUID withdrawn = prospect(email(), null);
        consent(withdrawn, MarketingChannel.EMAIL, NEWSLETTERS);
        choices.withdraw(staff(), CS, withdrawn, MarketingChannel.EMAIL, NEWSLETTERS, Means.FORM);

        prospect(email(), null); // no basis recorded: e-mail needs one (L9)

        UUID consenting = prospect(email(), null);
        consent(consenting, MarketingChannel.EMAIL, NEWSLETTERS);
        UUID professional = prospect(email(), null);
        choices.recordCapacity(staff(), CS, professional, Capacity.PROFESSIONAL);
        choices.record(staff(), CS, professional, new MarketingChoices.NewBasis(MarketingChannel.EMAIL, NEWSLETTERS, BasisKind.JOB_RELATED,
                Means.FORM, "pro-notice-v1", null));

        Audience after = audiences.count(MarketingChannel.EMAIL, NEWSLETTERS, Segment.everyone(), TUESDAY);
        assertThat(after.targeted() - before.targeted()).isEqualTo(14);
        assertThat(difference(before, after)).containsExactlyInAnyOrderEntriesOf(Map.of(Exclusion.DECEASED, 1L, Exclusion.RESTRICTED, 1L,
                Exclusion.HELD, 1L, Exclusion.FORMER_CLIENT_EXPIRED, 1L, Exclusion.NO_ADDRESS, 1L, Exclusion.SUPPRESSED, 2L, Exclusion.OBJECTED, 1L,
                Exclusion.CONSENT_WITHDRAWN, 1L, Exclusion.NO_BASIS, 1L));
        assertThat(after.eligible() - before.eligible()).isEqualTo(4);
        assertThat(after.targeted()).isEqualTo(after.eligible() + after.excluded().values().stream().mapToLong(Long::longValue).sum());

        Set<UUID> eligibleNow = eligible(MarketingChannel.EMAIL, NEWSLETTERS, Segment.everyone(), TUESDAY);
        assertThat(eligibleNow).hasSize((int) after.eligible()).containsAll(eligibleBefore);
        eligibleNow.removeAll(eligibleBefore);
        assertThat(eligibleNow).containsExactlyInAnyOrder(released, recentFormer, consenting, professional);

        // The segment's filters: status, capacity, region, last contact
        Segment formerClients = new Segment(Set.of(SubjectStatus.CLIENT_INACTIVE), Set.of(), Set.of("FR-IDF"), null, LocalDate.of(2023, 5, 31),
                LocalDate.of(2025, 6, 1));
        Audience former2 = audiences.count(MarketingChannel.EMAIL, NEWSLETTERS, formerClients, TUESDAY);
        assertThat(former2.targeted()).isGreaterThanOrEqualTo(2);
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, formerClients, TUESDAY)).contains(recentFormer).doesNotContain(former, consenting);
        Segment professionals = new Segment(Set.of(), Set.of(), Set.of(), Capacity.PROFESSIONAL, null, null);
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, professionals, TUESDAY)).contains(professional).doesNotContain(consenting);
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, new Segment(Set.of(), Set.of(), Set.of("FR-BFC"), null, null, null), TUESDAY))
                .contains(consenting, professional).doesNotContain(recentFormer);
    }

    /** People whose capacity among the audience facts (V51) is not their history's latest, or who have one there without a history. */
    long capacitiesDisagreeing() {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_capacity_current c LEFT JOIN marketing_audience f ON f.subject_id = c.subject_id "
                + "WHERE f.capacity IS NULL OR f.capacity <> c.capacity").query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM marketing_audience f WHERE f.capacity IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM marketing_capacity_current c WHERE c.subject_id = f.subject_id)").query(Long.class).single();
    }

    @Test
    @DisplayName("L2 L9 the current capacity kept among the audience facts is always the capacity history's latest; the count and segments follow it")
    void currentCapacity() {
        Segment professionals = new Segment(Set.of(), Set.of(), Set.of(), Capacity.PROFESSIONAL, null, null);
        UUID changing = prospect(email(), null);
        choices.recordCapacity(staff(), CS, changing, Capacity.PROFESSIONAL);
        choices.record(staff(), CS, changing, new MarketingChoices.NewBasis(MarketingChannel.EMAIL, NEWSLETTERS, BasisKind.JOB_RELATED,
                Means.FORM, "pro-notice-v1", null));
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, professionals, TUESDAY)).contains(changing);
        choices.recordCapacity(staff(), CS, changing, Capacity.CONSUMER);
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, Segment.everyone(), TUESDAY)).as("a consumer: job-related is no basis")
                .doesNotContain(changing);
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, new Segment(Set.of(), Set.of(), Set.of(), Capacity.CONSUMER, null, null), TUESDAY))
                .doesNotContain(changing);
        choices.recordCapacity(staff(), CS, changing, Capacity.PROFESSIONAL);
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, professionals, TUESDAY)).contains(changing);

        // a person without audience facts yet (as before V32, until the backfill): the capacity comes first, the contacts after keep it
        UUID later = prospect(null, null);
        jdbc.sql("DELETE FROM marketing_audience WHERE subject_id = ?").param(later).update();
        choices.recordCapacity(staff(), CS, later, Capacity.PROFESSIONAL);
        choices.record(staff(), CS, later, new MarketingChoices.NewBasis(MarketingChannel.EMAIL, NEWSLETTERS, BasisKind.JOB_RELATED,
                Means.FORM, "pro-notice-v1", null));
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, professionals, TUESDAY)).as("no e-mail yet").doesNotContain(later);
        subjects.update(staff(), CS, later, new Subjects.Change(null, new Contacts(List.of(), List.of(email()), List.of()), null));
        assertThat(eligible(MarketingChannel.EMAIL, NEWSLETTERS, professionals, TUESDAY)).contains(changing, later);

        assertThat(capacitiesDisagreeing()).as("everyone's, this test's and the others'").isZero();
        erasures.erase(List.of(changing, later));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_audience WHERE subject_id IN (?, ?)").params(changing, later).query(Long.class)
                .single()).isZero();
        assertThat(capacitiesDisagreeing()).isZero();
    }

    @Test
    @DisplayName("L2 a phone campaign: consent for consumers, an active client's running contract, Easter Monday 2027, Réunion's hours, 4 attempts, other-times consent")
    void phoneCampaign() {
        Audience tuesdayBefore = audiences.count(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), TUESDAY);
        Audience mondayBefore = audiences.count(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), EASTER_MONDAY);
        Set<UUID> eligibleBefore = eligible(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), TUESDAY);

        UUID consenting = prospect(null, mobile("+33614"));
        consent(consenting, MarketingChannel.PHONE, PROSPECTING);
        UUID reunion = person(SubjectStatus.PROSPECT, null, mobile("+262692"), "97400", world.today().minusMonths(1));
        consent(reunion, MarketingChannel.PHONE, PROSPECTING);
        UUID otherTimes = prospect(null, mobile("+33615"));
        consent(otherTimes, MarketingChannel.PHONE, PROSPECTING);
        // the consent to be called at other times, as the phone module records it (V31: the latest row is the current choice)
        jdbc.sql("INSERT INTO marketing_call_hours (id, subject_id, consented, means, proof, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), otherTimes, true, "PHONE", null, clock.instant().atOffset(ZoneOffset.UTC), "staff:" + adv.id()).update();
        UUID noConsent = prospect(null, mobile("+33616"));
        UUID client = prospect(null, mobile("+33617"));
        world.grant(adv, "subscription-contract", Set.of("subscriptions", "identity"), client); // a record added to a known person (R6.1)
        subscriptions.subscribe(staff(), client, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null));
        UUID called = prospect(null, mobile("+33618"));
        consent(called, MarketingChannel.PHONE, PROSPECTING);
        for (int day = 23; day <= 26; day++) { // Tuesday to Friday of the week before Easter, at 10:30
            Instant at = paris(2027, 3, day, 10, 30);
            clock.advance(Duration.between(clock.instant(), at));
            phoneCalls.record(staff(), CS, called, PROSPECTING, CallOutcome.NO_ANSWER, at);
        }
        clock.reset();

        Audience tuesday = audiences.count(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), TUESDAY);
        assertThat(tuesday.targeted() - tuesdayBefore.targeted()).isEqualTo(6);
        assertThat(difference(tuesdayBefore, tuesday)).containsExactlyInAnyOrderEntriesOf(Map.of(Exclusion.NO_BASIS, 1L, Exclusion.CALL_LIMIT, 1L));
        Set<UUID> eligibleNow = eligible(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), TUESDAY);
        assertThat(eligibleNow).hasSize((int) tuesday.eligible());
        eligibleNow.removeAll(eligibleBefore);
        assertThat(eligibleNow).containsExactlyInAnyOrder(consenting, reunion, otherTimes, client);

        Audience monday = audiences.count(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), EASTER_MONDAY);
        assertThat(difference(mondayBefore, monday)).containsExactlyInAnyOrderEntriesOf(Map.of(Exclusion.NO_BASIS, 1L,
                Exclusion.OUTSIDE_CALL_HOURS, 4L));
        assertThat(monday.eligible() - mondayBefore.eligible()).as("only the consent to other times").isEqualTo(1);

        // 11:30 in Paris is 13:30 in Réunion: only the Réunion consumer is outside the hours
        Instant halfPastEleven = paris(2027, 3, 30, 11, 30);
        Set<UUID> atHalfPastEleven = eligible(MarketingChannel.PHONE, PROSPECTING, Segment.everyone(), halfPastEleven);
        assertThat(atHalfPastEleven).contains(consenting, otherTimes, client).doesNotContain(reunion, called, noConsent);
        assertThat(eligible(MarketingChannel.PHONE, PROSPECTING, new Segment(Set.of(), Set.of(), Set.of("FR-RE"), null, null, null), TUESDAY))
                .contains(reunion).doesNotContain(consenting);
        assertThat(eligible(MarketingChannel.PHONE, PROSPECTING, new Segment(Set.of(), Set.of("GESTAN-CLOUD-PRO"), Set.of(), null, null, null),
                TUESDAY)).contains(client).doesNotContain(consenting);
    }

    @Test
    @DisplayName("R4.2 people per region from their addresses and overseas phones; L9 the facts keep keyed hashes only, and go with the person's erasure")
    void regionsAndErasure() {
        Map<String, Long> before = audiences.peopleByRegion();
        String email = email();
        UUID dijon = prospect(email, "+33612345678");
        UUID mayotte = person(SubjectStatus.PROSPECT, null, "+262639012345", null, world.today());
        UUID nobody = person(SubjectStatus.PROSPECT, null, null, null, world.today());
        Map<String, Long> after = audiences.peopleByRegion();
        assertThat(after.getOrDefault("FR-BFC", 0L) - before.getOrDefault("FR-BFC", 0L)).isEqualTo(1);
        assertThat(after.getOrDefault("FR-YT", 0L) - before.getOrDefault("FR-YT", 0L)).isEqualTo(1);
        assertThat(after.getOrDefault("unknown", 0L) - before.getOrDefault("unknown", 0L)).isEqualTo(1);

        String facts = jdbc.sql("SELECT has_email || ' ' || has_phone || ' ' || has_address || ' ' || call_zones FROM marketing_audience "
                + "WHERE subject_id = ?").param(dijon).query(String.class).single();
        assertThat(facts.toLowerCase(Locale.ROOT)).isEqualTo("true true true europe/paris");
        List<String> hashes = jdbc.sql("SELECT address_hash FROM marketing_audience_hash WHERE subject_id = ?").param(dijon).query(String.class).list();
        assertThat(hashes).hasSize(2).allMatch(h -> h.matches("[0-9a-f]{64}")).noneMatch(h -> h.contains("example") || h.contains("612345678"));

        assertThat(erasures.erase(List.of(dijon, mayotte, nobody))).isGreaterThanOrEqualTo(1 + 2 + 1 + 1 + 1);
        for (String table : List.of("marketing_audience", "marketing_audience_hash", "marketing_audience_region")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE subject_id IN (?, ?, ?)").params(dijon, mayotte, nobody)
                    .query(Long.class).single()).as(table).isZero();
        }
    }
}
