package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The DPO's list of rights requests over real HTTP, read with jsoup (R9.5, R9.7): who asked (the
 * name given), the right, the channel, the state and the due day; filters in GET parameters;
 * overdue said in words, in French and English, with plurals; a page at a time.
 */
class RequestListPageTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired RequestIntake intake;
    @Autowired RequestStore store;
    @Autowired IdentityVerification verification;
    @Autowired RequestSearchIndexing indexing;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff dpo;
    String token;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        token = UUID.randomUUID().toString().substring(0, 8);
    }

    /** A request received on the day that makes it {@code overdueBy} days overdue today (negative: days left). */
    RightsRequest overdueBy(int overdueBy, RequestType type, RequestChannel channel, String name) {
        LocalDate today = world.today();
        LocalDate received = today.minusMonths(1).minusDays(overdueBy + 3);
        while (RequestClock.receivedOn(received).daysLeft(today) != -overdueBy) {
            received = received.plusDays(1);
        }
        return intake.record(Actor.staff(dpo.id()), new RightsRequests.NewRequest(type, channel, received,
                new RightsRequests.Claimant(name, "list-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                        channel == RequestChannel.POST ? "1 rue de la Poste, 75001 Paris" : null, "Demande."), Locale.FRENCH));
    }

    Document page(String query) {
        HttpResponse<String> response = dpo.http().get("/backoffice/droits?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    static Element row(Document page, RightsRequest request) {
        Elements rows = page.select("#requests-list tr[data-reference=" + request.reference() + "]");
        assertThat(rows).as(request.reference()).hasSize(1);
        return rows.first();
    }

    @Test
    @DisplayName("R9.5 R9.7 the list names who asked (the name given in the request), the right, the channel, the state and the due day; overdue in red and in words, with plurals, in French and English")
    void columnsAndWording() {
        RightsRequest three = overdueBy(3, RequestType.ERASURE, RequestChannel.POST, "Camille Trois " + token);
        RightsRequest one = overdueBy(1, RequestType.ACCESS, RequestChannel.EMAIL, "Camille Un " + token);
        RightsRequest soon = overdueBy(-5, RequestType.ACCESS, RequestChannel.EMAIL, "Camille Bientôt " + token);

        Document french = page("q=" + token);
        assertThat(french.select("#requests-list thead th").eachText())
                .containsExactly("Référence", "Personne", "Droit exercé", "Canal", "Statut", "Échéance", "Délai");
        Element late = row(french, three);
        assertThat(late.select("td").eachText()).containsExactly(three.reference(), "Camille Trois " + token, "Faire effacer vos données",
                "Courrier", "Identité à vérifier", three.clock().dueOn().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")), "En retard de 3 jours");
        assertThat(late.hasClass("state-overdue")).isTrue();
        assertThat(late.select("td.clock").hasClass("overdue")).as("red, and said in words").isTrue();
        assertThat(row(french, one).select("td.clock").text()).isEqualTo("En retard de 1 jour");
        assertThat(row(french, soon).select("td.clock").text()).isEqualTo("Échéance proche (5 jours restants)");
        assertThat(french.text()).doesNotContain("(-3", "(-1", "demande(s)");
        assertThat(french.select("h2").eachText()).contains("3 demandes");

        Document english = page("lang=en&q=" + token);
        assertThat(english.select("#requests-list thead th").eachText())
                .containsExactly("Reference", "Person", "Right exercised", "Channel", "Status", "Due", "Clock");
        assertThat(row(english, three).select("td.clock").text()).isEqualTo("3 days overdue");
        assertThat(row(english, one).select("td.clock").text()).isEqualTo("1 day overdue");
        assertThat(row(english, soon).select("td.clock").text()).isEqualTo("Due soon (5 days left)");
        assertThat(row(english, three).select("td").get(3).text()).isEqualTo("Post");
        assertThat(row(english, three).select("td").get(5).text()).isEqualTo(three.clock().dueOn().format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)));
        assertThat(english.select("#counts").text()).doesNotContain("request(s)").contains("open requests");
    }

    @Test
    @DisplayName("R9.5 R9.7 the list filters by state, right, overdue and a text (reference, name or e-mail) given as GET parameters; a bad filter is named in words and changes nothing")
    void filters() {
        RightsRequest erasure = overdueBy(2, RequestType.ERASURE, RequestChannel.EMAIL, "Dominique Filtre " + token);
        RightsRequest access = overdueBy(-20, RequestType.ACCESS, RequestChannel.EMAIL, "Alix Filtre " + token);
        RightsRequest cancelled = overdueBy(-15, RequestType.ACCESS, RequestChannel.EMAIL, "Sacha Annulé " + token);
        intake.cancel(Actor.staff(dpo.id()), cancelled.id(), null);

        assertThat(page("q=" + token).select("#requests-list tbody tr").eachAttr("data-reference"))
                .as("open ones by default").containsExactlyInAnyOrder(erasure.reference(), access.reference());
        assertThat(page("type=erasure&q=" + token).select("#requests-list tbody tr").eachAttr("data-reference"))
                .containsExactly(erasure.reference());
        assertThat(page("overdue=true&q=" + token).select("#requests-list tbody tr").eachAttr("data-reference"))
                .containsExactly(erasure.reference());
        assertThat(page("q=alix+filtre+" + token).select("#requests-list tbody tr").eachAttr("data-reference"))
                .as("the name, ignoring case").containsExactly(access.reference());
        assertThat(page("q=" + access.reference()).select("#requests-list tbody tr").eachAttr("data-reference"))
                .containsExactly(access.reference());
        Document closed = page("state=closed&q=" + token);
        assertThat(closed.select("#requests-list tbody tr").eachAttr("data-reference")).containsExactly(cancelled.reference());
        assertThat(closed.select("#requests-list tbody tr td.status").text()).isEqualTo("Annulée avant réponse");
        assertThat(page("state=all&q=" + token).select("#requests-list tbody tr")).hasSize(3);
        assertThat(page("state=in-progress&q=" + token).select("#requests-list tbody tr")).isEmpty();
        Document kept = page("state=closed&type=access&overdue=true&q=" + token);
        assertThat(kept.select("select[name=state] option[selected]").attr("value")).as("the form shows the filters").isEqualTo("closed");
        assertThat(kept.select("select[name=type] option[selected]").attr("value")).isEqualTo("access");
        assertThat(kept.select("input[name=overdue]").hasAttr("checked")).isTrue();
        assertThat(kept.select("input[name=q]").val()).isEqualTo(token);

        HttpResponse<String> bad = dpo.http().get("/backoffice/droits?state=nowhere&type=flying&page=-4&q=" + "x".repeat(201));
        assertThat(bad.statusCode()).isEqualTo(400);
        Document badPage = Jsoup.parse(bad.body());
        assertThat(badPage.select(".error p[data-field]").eachAttr("data-field")).containsExactlyInAnyOrder("state", "type", "page", "q");
        assertThat(badPage.select(".error").text()).contains("L'état choisi n'existe pas.", "La recherche fait au plus 200 caractères")
                .doesNotContain("nowhere", "flying", "xxxx");
    }

    @Test
    @DisplayName("R9.7 a long list comes a page at a time, the filters kept from page to page")
    void paging() {
        for (int i = 0; i < RequestListing.PAGE_SIZE + 2; i++) {
            overdueBy(-10 - (i % 10), RequestType.ACCESS, RequestChannel.EMAIL, "Page " + token);
        }
        Document first = page("q=" + token);
        assertThat(first.select("#requests-list tbody tr")).hasSize(RequestListing.PAGE_SIZE);
        assertThat(first.select(".pages").text()).contains("Page 1 sur 2");
        String next = first.select(".pages a[rel=next]").attr("href");
        assertThat(next).contains("q=" + token, "state=open", "page=2");
        HttpResponse<String> second = dpo.http().get(next);
        assertThat(second.statusCode()).isEqualTo(200);
        Document secondPage = Jsoup.parse(second.body());
        assertThat(secondPage.select("#requests-list tbody tr")).hasSize(2);
        assertThat(secondPage.select(".pages a[rel=prev]")).hasSize(1);
        assertThat(secondPage.select(".pages a[rel=next]")).isEmpty();
    }

    RightsRequest sentBy(String name, String email) {
        return intake.record(Actor.staff(dpo.id()), new RightsRequests.NewRequest(RequestType.ACCESS, RequestChannel.EMAIL, world.today(),
                new RightsRequests.Claimant(name, email, null, "Demande."), Locale.FRENCH));
    }

    /** How many claimants the DPO has had opened (each one an audit entry). */
    long claimantsOpened() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE actor = ? AND action = 'read' AND resource_type = 'rights-request'")
                .param("staff:" + dpo.id()).query(Long.class).single();
    }

    List<String> found(String query) {
        return page(query).select("#requests-list tbody tr").eachAttr("data-reference");
    }

    @Test
    @DisplayName("R9.5 R9.7 R6.5 the text search goes through blind indexes: an e-mail whole (the sender's, or the verified person's), "
            + "the words of a name ignoring case and accents, a reference; only the claimants shown are opened and audited, "
            + "never every request's; requests recorded before the indexes are indexed by the job")
    void searchThroughBlindIndexes() {
        for (int i = 0; i < 6; i++) { // other open requests, which a search must not open
            sentBy("Autre Personne " + UUID.randomUUID().toString().substring(0, 8), "autre-" + UUID.randomUUID() + "@example.org");
        }
        String email = "Recherche-" + token + "@Example.org";
        RightsRequest elise = sentBy("Élise Dürr-Lefèvre " + token, email);
        RightsRequest other = sentBy("Élise Martin " + token, "martin-" + token + "@example.org");
        UUID known = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "CONNUE", "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of("connue-" + token + "@example.org"), List.of()), null), world.today().minusMonths(2));
        RightsRequest verified = sentBy("Camille Connue " + token, "autre-adresse-" + token + "@example.org");
        verification.verifiedByStaff(Actor.staff(dpo.id()), verified.id(), known, "pièce d'identité");

        long before = claimantsOpened();
        assertThat(found("q=" + email.toLowerCase(Locale.ROOT))).as("the whole e-mail, whatever its case").containsExactly(elise.reference());
        assertThat(claimantsOpened() - before).as("only the row shown was opened").isEqualTo(1);
        assertThat(found("state=all&q=connue-" + token + "%40example.org")).as("the verified person's own e-mail finds their request (answered at once)")
                .containsExactly(verified.reference());
        assertThat(found("q=recherche-" + token)).as("part of an e-mail is a word of no name").isEmpty();

        before = claimantsOpened();
        assertThat(found("q=elise+" + token)).as("words of the name, without accents or case").containsExactlyInAnyOrder(elise.reference(),
                other.reference());
        assertThat(found("q=LEFEVRE+%C3%A9lise+" + token)).containsExactly(elise.reference());
        assertThat(claimantsOpened() - before).as("the rows shown, not every request's claimant").isEqualTo(3);
        assertThat(found("q=eli+" + token)).as("whole words only").isEmpty();
        assertThat(found("q=" + elise.reference())).containsExactly(elise.reference());

        // a request recorded before the indexes: found by its reference only, until the job indexes it
        jdbc.sql("DELETE FROM rights_request_search WHERE request_id = ?").param(elise.id()).update();
        jdbc.sql("UPDATE rights_request SET search_indexed = FALSE WHERE id = ?").param(elise.id()).update();
        assertThat(found("q=lefevre+" + token)).isEmpty();
        assertThat(indexing.run()).isPositive();
        assertThat(found("q=lefevre+" + token)).containsExactly(elise.reference());
        assertThat(indexing.run()).as("nothing left to index").isZero();
    }
}
