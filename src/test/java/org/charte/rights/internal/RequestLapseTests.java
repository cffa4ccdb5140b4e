package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
import org.charte.testing.MailServer;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests whose sender never proves who they are lapse (R9.6, R9.7) instead of piling up as
 * overdue: the nightly job, driven here with the tests' clock, on the real database.
 */
class RequestLapseTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired RequestIntake intake;
    @Autowired IdentityVerification verification;
    @Autowired RequestDeadlines deadlines;
    @Autowired RequestLapses lapses;
    @Autowired RequestStore store;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff dpo;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
    }

    RightsRequest recorded(LocalDate receivedOn, String name, String email) {
        return intake.record(Actor.staff(dpo.id()), new RightsRequests.NewRequest(RequestType.ERASURE, RequestChannel.EMAIL, receivedOn,
                new RightsRequests.Claimant(name, email, null, "Effacez mes données."), Locale.FRENCH));
    }

    long outbox() {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single();
    }

    @Test
    @DisplayName("R9.6 R9.7 an unverified request lapses a month after receipt: closed, not overdue, the reason in its history, nobody written to; its code no longer works; a verified one and one awaiting information asked later wait on; a second run changes nothing")
    void unverifiedRequestsLapse() {
        Actor me = Actor.staff(dpo.id());
        String token = UUID.randomUUID().toString().substring(0, 8);
        String email = "lapse-" + token + "@example.org";
        LocalDate received = world.today().minusDays(10);
        RightsRequest silent = recorded(received, "Camille Silence " + token, email);
        verification.sendCode(silent.id(), me);
        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        UUID known = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "VERIFIEE", "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of("verified-" + email), List.of()), null), world.today().minusMonths(2));
        RightsRequest verified = recorded(received, "Camille Vérifiée " + token, "verified-" + email);
        verification.verifiedByStaff(me, verified.id(), known, "pièce d'identité");
        RightsRequest asked = recorded(received, "Camille Patiente " + token, "asked-" + email);
        deadlines.askForInformation(me, asked.id(), "Une copie de votre pièce d'identité.");
        assertThat(store.load(verified.id()).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);

        // the day it is due: still waiting, and still on the list
        LocalDate due = silent.clock().dueOn();
        clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(world.today(), due)));
        assertThat(lapses.run()).isZero();
        assertThat(store.load(silent.id()).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        // the day after: it lapses instead of turning overdue
        clock.advance(Duration.ofDays(1));
        long mailsBefore = outbox();
        assertThat(lapses.run()).isPositive();
        RightsRequest lapsed = store.load(silent.id()).orElseThrow();
        assertThat(lapsed.status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(lapsed.outcome()).isEqualTo("lapsed");
        assertThat(lapsed.open()).isFalse();
        assertThat(lapsed.state(world.today())).as("closed, not overdue").isEqualTo(RequestClock.State.ON_TIME);
        assertThat(store.history(silent.id())).filteredOn(s -> s.kind().equals("lapsed")).singleElement().satisfies(s -> {
            assertThat(s.actor()).isEqualTo("system");
            assertThat(s.note()).contains(due.toString(), "charte.rights.unverified-lapse=P1M");
        });
        assertThat(outbox()).as("the person is not written to").isEqualTo(mailsBefore);
        assertThat(verification.verify(silent.id(), code)).as("the code sent before no longer works")
                .isEqualTo(RightsRequests.Verification.NOT_AWAITED);
        assertThat(store.load(asked.id()).orElseThrow().status()).as("waits a month from the day information was asked")
                .isEqualTo(RequestStatus.AWAITING_INFORMATION);
        assertThat(store.load(verified.id()).orElseThrow().status()).as("a verified request never lapses: overdue, it is the DPO's to answer")
                .isEqualTo(RequestStatus.IN_PROGRESS);

        // idempotent: nothing more to do, one step in the history
        assertThat(lapses.run()).isZero();
        assertThat(store.history(silent.id())).filteredOn(s -> s.kind().equals("lapsed")).hasSize(1);

        // the list: not among the overdue, among the closed as lapsed, in words
        clock.reset();
        Document overdue = Jsoup.parse(dpo.http().get("/backoffice/droits?overdue=true&q=" + token).body());
        assertThat(overdue.select("tr[data-reference=" + silent.reference() + "]")).isEmpty();
        HttpResponse<String> closed = dpo.http().get("/backoffice/droits?state=closed&q=" + token);
        Document page = Jsoup.parse(closed.body());
        assertThat(page.select("tr[data-reference=" + silent.reference() + "] td.status").text()).isEqualTo("Caduque : identité jamais vérifiée");
        String requestPage = dpo.http().get("/backoffice/droits/" + silent.id()).body();
        assertThat(Jsoup.parse(requestPage).select("#history").text()).contains("Caduque : identité jamais vérifiée dans le délai")
                .contains("délai de vérification : 1 mois").doesNotContain("charte.rights", "P1M");
    }
}
