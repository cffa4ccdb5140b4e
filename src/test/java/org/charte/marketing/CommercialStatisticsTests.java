package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Commercial statistics (R4.2) end to end, over real HTTP on the real database: aggregates only, small
 * cells suppressed in JSON, CSV and page alike, no person id anywhere, refused and audited for a role
 * that does not serve the purpose.
 */
class CommercialStatisticsTests extends RightsTestBase {

    static final String CS = "customer-service";
    static final String REVIEWS = "customer-reviews";
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff adv;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
    }

    long inForce(MarketingChannel channel) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_basis_current WHERE channel = ? AND purpose = ? AND kind = 'CONSENT'")
                .params(channel.name(), REVIEWS).query(Long.class).single();
    }

    /** People consenting on that channel to customer reviews, recorded by customer service under a grant. */
    List<UUID> consenting(MarketingChannel channel, int people) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            UUID subject = subjects.register(SubjectStatus.CLIENT_ACTIVE, new Identity("M.", "STATISTIQUE", "Dominique", LocalDate.of(1975, 3, 2)),
                    world.today().minusMonths(1));
            world.grant(adv, CS, Set.of(Subjects.CONTACT), subject);
            choices.consent(Actor.staff(adv.id()), CS, subject,
                    new MarketingChoices.NewConsent(channel, REVIEWS, Means.FORM, "reviews-form-v1", null));
            ids.add(subject);
        }
        return ids;
    }

    static JsonNode cell(JsonNode body, String channel) {
        for (JsonNode cell : body.path("cells")) {
            if (cell.path("channel").asString().equals(channel) && cell.path("marketingPurpose").asString().equals(REVIEWS)) {
                return cell;
            }
        }
        throw new AssertionError("no cell for " + channel);
    }

    @Test
    @DisplayName("R4.2 with 12 people consenting by e-mail and 3 by SMS, the e-mail cell shows 12 and the SMS cell is suppressed in JSON, CSV and page; no person id anywhere; the read is audited as an aggregate")
    void aggregatesWithSmallCellsSuppressed() {
        long emailBefore = inForce(MarketingChannel.EMAIL);
        long smsBefore = inForce(MarketingChannel.SMS);
        assertThat(smsBefore + 3).as("the SMS cell stays under the threshold").isLessThan(10);
        List<UUID> people = new ArrayList<>(consenting(MarketingChannel.EMAIL, 12));
        people.addAll(consenting(MarketingChannel.SMS, 3));

        HttpResponse<String> json = adv.http().get("/api/v1/marketing/statistics");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode body = Json.of(json);
        assertThat(body.path("minCell").asInt()).isEqualTo(10);
        assertThat(body.path("purpose").asString()).isEqualTo("commercial-statistics");
        assertThat(cell(body, "email").path("consents").asLong()).isEqualTo(emailBefore + 12);
        assertThat(cell(body, "email").path("consentRate").isNumber()).isTrue();
        assertThat(cell(body, "sms").path("consents").isNull()).as("suppressed: null").isTrue();
        assertThat(cell(body, "sms").path("consentRate").isNull()).as("no rate for a suppressed cell").isTrue();
        assertThat(body.path("statuses")).hasSize(SubjectStatus.values().length);
        assertThat(UUID_TEXT.matcher(json.body()).find()).as("no id of anyone in the JSON").isFalse();
        for (UUID person : people) {
            assertThat(json.body()).doesNotContain(person.toString());
        }
        assertThat(json.body()).doesNotContain("subjectId").doesNotContain("STATISTIQUE");

        HttpResponse<String> csv = adv.http().get("/api/v1/marketing/statistics?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.body()).startsWith("section,channel,marketing_purpose,status,people,consents,")
                .contains("\r\nchannel-purpose,email," + REVIEWS + ",,," + (emailBefore + 12) + ",")
                .contains("\r\nchannel-purpose,sms," + REVIEWS + ",,,,");
        assertThat(UUID_TEXT.matcher(csv.body()).find()).isFalse();
        HttpResponse<String> csvFile = adv.http().get("/api/v1/marketing/statistics.csv");
        assertThat(csvFile.statusCode()).isEqualTo(200);
        assertThat(csvFile.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csvFile.body()).contains("\r\nchannel-purpose,sms," + REVIEWS + ",,,,");

        HttpResponse<String> page = adv.http().get("/backoffice/prospection/statistiques");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Statistiques commerciales").contains("<svg");
        assertThat(consentsOnPage(page.body(), "email")).isEqualTo(String.valueOf(emailBefore + 12));
        assertThat(consentsOnPage(page.body(), "sms")).isEqualTo("&lt; 10");
        HttpResponse<String> english = adv.http().get("/backoffice/prospection/statistiques?lang=en");
        assertThat(english.body()).contains("Commercial statistics").contains("Consent rate");
        assertThat(consentsOnPage(english.body(), "sms")).isEqualTo("&lt; 10");

        List<AuditEntry> reads = audit.recent(50).stream().filter(e -> e.event().actor().equals("staff:" + adv.id())
                && e.event().action().equals("read") && e.event().resourceType().equals("aggregate")).toList();
        assertThat(reads).hasSizeGreaterThanOrEqualTo(5).allSatisfy(e -> {
            assertThat(e.event().purpose()).isEqualTo("commercial-statistics");
            assertThat(e.event().resourceType()).isEqualTo("aggregate");
            assertThat(e.event().subjectId()).isNull();
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
    }

    static String consentsOnPage(String html, String channel) {
        Matcher row = Pattern.compile("data-channel=\"" + channel + "\" data-purpose=\"" + REVIEWS + "\">.*?<td class=\"consents\">([^<]*)</td>",
                Pattern.DOTALL).matcher(html);
        assertThat(row.find()).as("the row of " + channel).isTrue();
        return row.group(1);
    }

    @Test
    @DisplayName("R4.2 R6.5 a role that does not serve commercial-statistics is refused (403) on the API, the CSV and the page, and each refusal is audited without a subject")
    void refusedForARoleWithoutThePurpose() {
        Staff support = world.staff("cloud-support");
        assertThat(support.http().get("/api/v1/marketing/statistics").statusCode()).isEqualTo(403);
        assertThat(support.http().get("/api/v1/marketing/statistics.csv").statusCode()).isEqualTo(403);
        HttpResponse<String> page = support.http().get("/backoffice/prospection/statistiques");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("channel-purpose").doesNotContain("data-channel");

        List<AuditEntry> refused = audit.recent(50).stream().filter(e -> e.event().actor().equals("staff:" + support.id())
                && e.event().action().equals("read") && e.event().resourceType().equals("aggregate")).toList();
        assertThat(refused).hasSize(3).allSatisfy(e -> {
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.event().purpose()).isEqualTo("commercial-statistics");
            assertThat(e.event().subjectId()).isNull();
            assertThat(e.event().reason()).contains("commercial-statistics");
        });
    }

    @Test
    @DisplayName("R4.2 R6.1 a member of a role serving the purpose who has not signed the current commitment is refused, and audited")
    void refusedWithoutTheCommitment() {
        Staff unsigned = Staff.signedIn(directory, port, "adv");
        assertThat(commitments.signedCurrent(unsigned.id())).isFalse();
        assertThat(unsigned.http().get("/api/v1/marketing/statistics").statusCode()).isEqualTo(403);
        assertThat(audit.recent(20)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + unsigned.id());
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.event().reason()).contains("commitment");
        });
    }

    @Test
    @DisplayName("R4.2 an unknown format is refused as bad input, naming the field")
    void unknownFormat() {
        HttpResponse<String> response = adv.http().get("/api/v1/marketing/statistics?format=xml");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("format");
    }
}
