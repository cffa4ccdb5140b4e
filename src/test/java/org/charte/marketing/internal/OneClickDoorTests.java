package org.charte.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.marketing.MarketingMail;
import org.charte.marketing.Means;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one click's own door ({@link OneClickDoor}) over real HTTP on the real database (H2, and PostgreSQL in the db
 * suite): a one click as mail providers post it is recorded there and answered exactly as Spring MVC's handler
 * ({@link UnsubscribePages}) answers the same click with one more form field (which only Spring MVC takes) — status,
 * every header, the page —, in either language, a failed write alike; and every request the door does not take reaches
 * {@link UnsubscribePages} whole and gets its usual answer, nothing done at the door.
 */
class OneClickDoorTests extends RightsTestBase {

    static final String NEWSLETTERS = "newsletters";
    static final String FORM = "application/x-www-form-urlencoded";
    static final byte[] ONE_CLICK = "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8);
    /** The same click with a field only Spring MVC's handler takes: it goes the long way, and is a one click there too. */
    static final byte[] LONG_WAY = "List-Unsubscribe=One-Click&via=test".getBytes(StandardCharsets.UTF_8);

    @Autowired OneClickDoor door;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired MarketingMail mails;
    @Autowired Solicitations solicitations;
    @Autowired JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** A person who consented to newsletters by e-mail, and the token of their unsubscribe link. */
    record Person(UUID id, String email, String token) {}

    Person consenting() {
        String email = "door-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String phone = "+33614" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "PORTE", "Lise", LocalDate.of(1980, 5, 6)),
                new Contacts(List.of(new PostalAddress(List.of("5 rue des Forges"), "21000", "Dijon", "FR")), List.of(email), List.of(phone)), null),
                today().minusMonths(1));
        choices.consent(Actor.subject(id), "rights-requests", id, new NewConsent(MarketingChannel.EMAIL, NEWSLETTERS, Means.FORM,
                "newsletter-form-v3", "https://www.example.org/inscription"));
        return new Person(id, email, mails.unsubscribeUrl(id, MarketingChannel.EMAIL, NEWSLETTERS).replaceAll("^.*/u/", ""));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.PARIS));
    }

    boolean mayMail(Person person) {
        return solicitations.maySolicit(person.id(), MarketingChannel.EMAIL, NEWSLETTERS, today()).allowed();
    }

    long objections(Person person) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ? AND kind = 'OBJECTION' AND collected_by = 'ONE_CLICK'")
                .param(person.id()).query(Long.class).single();
    }

    HttpResponse<String> click(Person person, byte[] body, String... headers) {
        return http.raw("POST", "/u/" + person.token(), FORM, body, headers);
    }

    @Test
    @DisplayName("L5 L9 R9.9 RFC 8058 a one click as mail providers post it is recorded at its own door and answered exactly as Spring MVC "
            + "answers it: 200, the same page, the same headers, in French and in English; in force and suppressed before the answer; "
            + "again idempotent, an empty body alike")
    void sameAnswerAtEitherDoor() {
        for (String[] language : List.of(new String[0], new String[] {"Accept-Language", "en-GB,en;q=0.9"})) {
            Person fast = consenting();
            Person slow = consenting();
            long before = door.answered();
            HttpResponse<String> atDoor = click(fast, ONE_CLICK, language);
            assertThat(atDoor.statusCode()).as(atDoor.body()).isEqualTo(200);
            assertThat(door.answered()).as("answered at the door").isEqualTo(before + 1);
            assertThat(mayMail(fast)).as("in force when the answer arrives").isFalse();
            assertThat(solicitations.suppressed(MarketingChannel.EMAIL, NEWSLETTERS, fast.email())).isTrue();
            HttpResponse<String> throughMvc = click(slow, LONG_WAY, language);
            assertThat(throughMvc.statusCode()).as(throughMvc.body()).isEqualTo(200);
            assertThat(door.answered()).as("not at the door").isEqualTo(before + 1);
            assertThat(mayMail(slow)).isFalse();

            assertThat(Http.answerHeaders(atDoor)).isEqualTo(Http.answerHeaders(throughMvc));
            assertThat(Http.answerHeaders(atDoor)).containsKeys("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy",
                    "permissions-policy", "cache-control", "content-type", "content-language").doesNotContainKey("set-cookie");
            assertThat(atDoor.body()).isEqualTo(throughMvc.body()).doesNotContain(fast.token());
            assertThat(atDoor.headers().firstValue("Content-Language")).hasValue(language.length == 0 ? "fr" : "en");
            assertThat(atDoor.body()).contains(language.length == 0 ? "Votre désabonnement est enregistré" : "You are unsubscribed, from now on.");

            HttpResponse<String> again = click(fast, ONE_CLICK, language);
            HttpResponse<String> empty = http.raw("POST", "/u/" + fast.token(), null, null, language);
            assertThat(door.answered()).as("both at the door").isEqualTo(before + 3);
            for (HttpResponse<String> idempotent : List.of(again, empty)) {
                assertThat(idempotent.statusCode()).isEqualTo(200);
                assertThat(Http.answerHeaders(idempotent)).isEqualTo(Http.answerHeaders(atDoor));
                assertThat(idempotent.body()).isEqualTo(atDoor.body());
            }
            assertThat(objections(fast)).as("one objection for three clicks").isEqualTo(1);
            assertThat(objections(slow)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("L5 R8.5 a one click whose objection cannot be written is answered at its own door as through Spring MVC (the same status, "
            + "headers and readable page), nothing recorded; the next one is")
    void notRecordedAtEitherDoor() {
        Person fast = consenting();
        Person slow = consenting();
        long before = door.answered();
        HttpResponse<String> atDoor;
        HttpResponse<String> throughMvc;
        // the current bases' table away for a moment: each objection batch fails, and so does each objection written again alone
        TestDatabase.asOwner(jdbc, "ALTER TABLE marketing_basis_current RENAME TO marketing_basis_current_away");
        try {
            atDoor = click(fast, ONE_CLICK);
            throughMvc = click(slow, LONG_WAY);
        } finally {
            TestDatabase.asOwner(jdbc, "ALTER TABLE marketing_basis_current_away RENAME TO marketing_basis_current");
        }
        assertThat(door.answered()).as("the first at the door, the second not").isEqualTo(before + 1);
        assertThat(atDoor.statusCode()).as(atDoor.body()).isGreaterThanOrEqualTo(500).isEqualTo(throughMvc.statusCode());
        assertThat(Http.answerHeaders(atDoor)).isEqualTo(Http.answerHeaders(throughMvc));
        assertThat(atDoor.body()).isEqualTo(throughMvc.body()).doesNotContain("Exception").doesNotContain("marketing_basis")
                .doesNotContain(fast.token());
        assertThat(objections(fast)).isZero();
        assertThat(objections(slow)).isZero();
        assertThat(mayMail(fast)).isTrue();

        assertThat(click(fast, ONE_CLICK).statusCode()).isEqualTo(200);
        assertThat(door.answered()).isEqualTo(before + 2);
        assertThat(objections(fast)).isEqualTo(1);
        assertThat(mayMail(fast)).isFalse();
    }

    @Test
    @DisplayName("L5 L9 R8.5 what the door does not take reaches Spring MVC's handler whole and gets its usual answer: the page's button "
            + "(from=page), ?lang=, another field, a body over its size, another format, a bearer token (401), a bad or unknown token (404 "
            + "page, nothing changed), the preferences form; nothing answered at the door")
    void everythingElseGoesOn() {
        long before = door.answered();
        record Case(String what, int status, String path, String contentType, byte[] body, String contains, String... headers) {}
        List<Case> cases = new ArrayList<>();
        Person page = consenting();
        cases.add(new Case("the page's button", 200, "/u/" + page.token(), FORM, "from=page".getBytes(StandardCharsets.UTF_8),
                "id=\"preferences-link\""));
        Person english = consenting();
        cases.add(new Case("?lang=en", 200, "/u/" + english.token() + "?lang=en", FORM, ONE_CLICK, "You are unsubscribed, from now on."));
        Person field = consenting();
        cases.add(new Case("another field", 200, "/u/" + field.token(), FORM, LONG_WAY, "Votre désabonnement est enregistré"));
        Person big = consenting();
        cases.add(new Case("over the door's size", 200, "/u/" + big.token(), FORM,
                ("List-Unsubscribe=One-Click&pad=" + "x".repeat(OneClickDoor.MAX_BODY)).getBytes(StandardCharsets.UTF_8),
                "Votre désabonnement est enregistré"));
        Person text = consenting();
        cases.add(new Case("another format", 200, "/u/" + text.token(), "text/plain", ONE_CLICK, "Votre désabonnement est enregistré"));
        Person bearer = consenting();
        cases.add(new Case("a bearer token that names nobody", 401, "/u/" + bearer.token(), FORM, ONE_CLICK, "", "Authorization",
                "Bearer nothing"));
        Person tampered = consenting();
        char last = tampered.token().charAt(tampered.token().length() - 1);
        String bad = tampered.token().substring(0, tampered.token().length() - 1) + (last == 'A' ? 'B' : 'A');
        cases.add(new Case("a tampered token", 404, "/u/" + bad, FORM, ONE_CLICK, "Lien non valable"));
        cases.add(new Case("a token of nobody's shape", 404, "/u/AAAA", FORM, ONE_CLICK, "Lien non valable"));
        cases.add(new Case("an encoded token", 404, "/u/not%20a%20token", FORM, ONE_CLICK, "Lien non valable"));
        for (Case c : cases) {
            HttpResponse<String> answer = http.raw("POST", c.path(), c.contentType(), c.body(), c.headers());
            assertThat(answer.statusCode()).as(c.what() + ": " + answer.body()).isEqualTo(c.status());
            assertThat(answer.body()).as(c.what()).contains(c.contains()).doesNotContain("Exception");
        }
        assertThat(door.answered()).as("none at the door").isEqualTo(before);
        for (Person objected : List.of(page, english, field, big, text)) {
            assertThat(objections(objected)).isEqualTo(1);
            assertThat(mayMail(objected)).isFalse();
        }
        for (Person untouched : List.of(bearer, tampered)) {
            assertThat(objections(untouched)).isZero();
            assertThat(mayMail(untouched)).isTrue();
        }
    }
}
