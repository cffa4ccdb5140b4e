package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Marketing mails and their one-click unsubscribe (R9.9, L5, L9, RFC 8058) end to end: the mail
 * through the outbox to GreenMail, the link over real HTTP without a cookie, the real database.
 */
class OneClickUnsubscribeTests extends RightsTestBase {

    /** A mail or SMS to the person themselves (R1.4), which the door out lets out. */
    private static final Passage PERSONAL = Passage.toPerson("rights-requests", null);

    static final String NEWSLETTERS = "newsletters";
    static final Pattern LINK = Pattern.compile("<(http://127\\.0\\.0\\.1:\\d+/u/([A-Za-z0-9_-]+))>");

    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired MarketingMail mails;
    @Autowired Solicitations solicitations;
    @Autowired JdbcClient jdbc;
    @Autowired Outbox outbox;

    static String email() {
        return "oneclick-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A person who consented to newsletters by e-mail. */
    UUID consenting(String email) {
        String phone = "+33613" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "ABONNE", "Louis", LocalDate.of(1975, 3, 2)),
                new Contacts(List.of(new PostalAddress(List.of("3 rue Vauban"), "21000", "Dijon", "FR")), List.of(email), List.of(phone)), null),
                today().minusMonths(1));
        choices.consent(Actor.subject(id), "rights-requests", id, new NewConsent(MarketingChannel.EMAIL, NEWSLETTERS, Means.FORM,
                "newsletter-form-v3", "https://www.example.org/inscription"));
        return id;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.PARIS));
    }

    boolean mayMail(UUID id) {
        return solicitations.maySolicit(id, MarketingChannel.EMAIL, NEWSLETTERS, today()).allowed();
    }

    long history(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ?").param(id).query(Long.class).single();
    }

    MimeMessage mailTo(String email) throws InterruptedException {
        for (int i = 0; i < 200 && MailServer.to(email).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(MailServer.to(email)).hasSize(1);
        return MailServer.to(email).get(0);
    }

    /** The token of the link a marketing mail carries in its List-Unsubscribe header. */
    String tokenOf(MimeMessage mail) throws Exception {
        Matcher m = LINK.matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(m.matches()).isTrue();
        return m.group(2);
    }

    String sent(UUID id, String email, Locale language) throws Exception {
        assertThat(mails.queue(id, NEWSLETTERS, email, language, "Nouveautés", "Voici nos nouveautés.")).isPresent();
        return tokenOf(mailTo(email));
    }

    @Test
    @DisplayName("R9.9 L9 a marketing mail carries List-Unsubscribe (HTTPS address of charte.public-url, no mailto), List-Unsubscribe-Post One-Click and a visible link")
    void headers() throws Exception {
        String email = email();
        UUID id = consenting(email);
        assertThat(mails.queue(id, NEWSLETTERS, email, Locale.FRENCH, "Nouveautés", "Voici nos nouveautés.")).isPresent();
        MimeMessage mail = mailTo(email);

        String listUnsubscribe = mail.getHeader("List-Unsubscribe", null);
        assertThat(listUnsubscribe).matches(LINK).doesNotContain("mailto:").doesNotContain(email).doesNotContain(id.toString());
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String body = mail.getContent().toString();
        Matcher link = LINK.matcher(listUnsubscribe);
        assertThat(link.matches()).isTrue();
        assertThat(body).contains("Voici nos nouveautés.").contains(link.group(1)).contains("ICS-Informatique").contains("désabonnement");
        // the content, headers included, is erased from the outbox once sent
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE headers IS NOT NULL AND sent_at IS NOT NULL").query(Long.class).single())
                .isZero();
    }

    @Test
    @DisplayName("L9 R9.9 no marketing mail is queued to a person who may not be solicited or whose address is suppressed")
    void notSolicitable() throws Exception {
        String email = email();
        UUID id = consenting(email);
        String token = sent(id, email, Locale.FRENCH);
        assertThat(new Http(port).postForm("/u/" + token, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(200);
        assertThat(mails.queue(id, NEWSLETTERS, email, Locale.FRENCH, "Encore", "Encore.")).isEmpty();
        Thread.sleep(300);
        assertThat(MailServer.to(email)).hasSize(1);
    }

    @Test
    @DisplayName("L5 L9 the one-click POST without cookie or CSRF token objects at once, before it answers, puts the address on the suppression list, and is idempotent")
    void oneClick() throws Exception {
        String email = email();
        UUID id = consenting(email);
        String token = sent(id, email, Locale.FRENCH);
        assertThat(mayMail(id)).isTrue();

        HttpResponse<String> first = new Http(port).postForm("/u/" + token, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
        // already in force when the answer arrives
        assertThat(mayMail(id)).isFalse();
        assertThat(solicitations.maySolicit(id, MarketingChannel.EMAIL, NEWSLETTERS, today()).reason()).isEqualTo(SolicitationBasis.Reason.OBJECTED);
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, NEWSLETTERS, email)).isTrue();
        Basis last = choices.choices(Actor.subject(id), "rights-requests", id).current(MarketingChannel.EMAIL, NEWSLETTERS).orElseThrow();
        assertThat(last.kind()).isEqualTo(BasisKind.OBJECTION);
        assertThat(last.means()).isEqualTo(Means.ONE_CLICK);
        long rows = history(id);

        HttpResponse<String> again = new Http(port).postForm("/u/" + token, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(history(id)).isEqualTo(rows);
        assertThat(mayMail(id)).isFalse();
    }

    @Test
    @DisplayName("L5 RFC 8058 the one-click answer is a small page in the link's language (Accept-Language or ?lang=); the button of the GET page gets the full page with the way to every choice")
    void answers() throws Exception {
        String email = email();
        UUID id = consenting(email);
        String token = sent(id, email, Locale.ENGLISH);
        byte[] oneClick = "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8);
        String form = "application/x-www-form-urlencoded";
        Http browser = new Http(port);
        String page = browser.get("/u/" + token + "?lang=en").body();
        assertThat(page).contains("name=\"from\" value=\"page\"").doesNotContain("List-Unsubscribe");

        HttpResponse<String> en = new Http(port).raw("POST", "/u/" + token, form, oneClick, "Accept-Language", "en-GB,en;q=0.9");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(en.body()).contains("lang=\"en\"", "You are unsubscribed, from now on.").doesNotContain("désabonnement", token);
        assertThat(mayMail(id)).isFalse();
        HttpResponse<String> fr = new Http(port).raw("POST", "/u/" + token, form, oneClick);
        assertThat(fr.statusCode()).isEqualTo(200);
        assertThat(fr.body()).contains("lang=\"fr\"", "Votre désabonnement est enregistré").doesNotContain("unsubscribed");
        assertThat(new Http(port).raw("POST", "/u/" + token + "?lang=en", form, oneClick, "Accept-Language", "fr").body())
                .isEqualTo(en.body());

        // the GET page's button (above) posts from=page: the full page, in the page's language, with the link to every choice
        HttpResponse<String> done = browser.postForm("/u/" + token + "?lang=en", Map.of("from", "page"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed, from now on.", "id=\"preferences-link\"", "/u/" + token);
        assertThat(done.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(history(id)).isEqualTo(2); // the consent, one objection: three clicks recorded nothing more
    }

    @Test
    @DisplayName("L5 L9 one-click POSTs at once, several for the same person, share commits: each answered 200 once recorded, one objection per person, every address suppressed")
    void clicksAtOnce() throws Exception {
        List<String> emails = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String email = email();
            UUID id = consenting(email);
            emails.add(email);
            ids.add(id);
            tokens.add(mails.unsubscribeUrl(id, MarketingChannel.EMAIL, NEWSLETTERS).replaceAll("^.*/u/", ""));
        }
        List<Callable<Integer>> clicks = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String token : tokens) {
                clicks.add(() -> new Http(port).postForm("/u/" + token, Map.of("List-Unsubscribe", "One-Click")).statusCode());
            }
        }
        try (ExecutorService callers = Executors.newFixedThreadPool(18)) {
            for (Future<Integer> status : callers.invokeAll(clicks)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(mayMail(ids.get(i))).isFalse();
            assertThat(solicitations.suppressed(MarketingChannel.EMAIL, NEWSLETTERS, emails.get(i))).isTrue();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ? AND kind = 'OBJECTION' AND collected_by = 'ONE_CLICK'")
                    .param(ids.get(i)).query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("L9 a tampered, unknown or expired token is refused (404, a readable page) and changes nothing")
    void tampered() throws Exception {
        String email = email();
        UUID id = consenting(email);
        String token = sent(id, email, Locale.FRENCH);
        long rows = history(id);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String bad : List.of(tampered, "AAAA", "x".repeat(400), "not%20a%20token")) {
            HttpResponse<String> response = new Http(port).postForm("/u/" + bad, Map.of("List-Unsubscribe", "One-Click"));
            assertThat(response.statusCode()).as(bad).isEqualTo(404);
            assertThat(response.body()).contains("Lien non valable").doesNotContain("Exception");
            assertThat(new Http(port).get("/u/" + bad).statusCode()).isEqualTo(404);
        }
        assertThat(history(id)).isEqualTo(rows);
        assertThat(mayMail(id)).isTrue();

        clock.advance(UnsubscribeToken.VALIDITY.plus(Duration.ofDays(1)));
        assertThat(new Http(port).postForm("/u/" + token, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(404);
        assertThat(history(id)).isEqualTo(rows);
    }

    @Test
    @DisplayName("L5 the link still works after a year; GET shows the state in French or English and changes nothing")
    void getChangesNothing() throws Exception {
        String email = email();
        UUID id = consenting(email);
        String token = sent(id, email, Locale.ENGLISH);
        long rows = history(id);
        clock.advance(Duration.ofDays(366));

        HttpResponse<String> fr = new Http(port).get("/u/" + token);
        assertThat(fr.statusCode()).isEqualTo(200);
        assertThat(fr.body()).contains("Vos choix de sollicitations commerciales", "Me désabonner").doesNotContain("Unsubscribe me");
        HttpResponse<String> en = new Http(port).get("/u/" + token + "?lang=en");
        assertThat(en.body()).contains("Your marketing choices", "Unsubscribe me").doesNotContain("Me désabonner");
        assertThat(history(id)).isEqualTo(rows);
        assertThat(mayMail(id)).isTrue();

        assertThat(new Http(port).postForm("/u/" + token, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(200);
        assertThat(mayMail(id)).isFalse();
        assertThat(new Http(port).get("/u/" + token + "?lang=en").body()).contains("You no longer receive offers by E-mail");
    }

    @Test
    @DisplayName("L5 R9.9 the privacy centre leads a person who proved themselves with the e-mailed code to their marketing preferences")
    void fromThePrivacyCentre() {
        String email = email();
        UUID id = consenting(email);
        PrivacyCentre centre = PrivacyCentre.at(port);
        UUID request = PrivacyCentre.requestId(centre.ask("access", "Louis Abonne", email, ""));
        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        HttpResponse<String> verified = centre.enter(request, code);
        assertThat(verified.statusCode()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"marketing-preferences\" href=\"http://127\\.0\\.0\\.1:\\d+(/u/[A-Za-z0-9_-]+)\"").matcher(verified.body());
        assertThat(link.find()).as(verified.body()).isTrue();
        HttpResponse<String> page = new Http(port).get(link.group(1));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Vos choix de sollicitations commerciales", "on-email-newsletters", "on-post-newsletters");
        assertThat(mayMail(id)).isTrue();
    }

    @Test
    @DisplayName("L9 the outbox refuses a header with a line break, a control character, an oversized value or a name it sets itself, and queues nothing")
    void headerInjection() {
        String email = email();
        long before = jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single();
        for (Map<String, String> bad : List.of(Map.of("List-Unsubscribe", "<https://x/u/a>\r\nBcc: victim@example.org"),
                Map.of("X-Tab", "a\u0007b"), Map.of("X-Long", "a".repeat(Outbox.MAX_HEADER_VALUE + 1)), Map.of("Bcc", "victim@example.org"),
                Map.of("Bad Name", "x"), Map.of("X:Colon", "x"))) {
            assertThatThrownBy(() -> outbox.queue(PERSONAL, email, "s", "b", bad)).as(bad.toString()).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    @DisplayName("L5 the preferences form refuses an unknown or repeated choice (400, a readable page) and changes nothing; "
            + "nothing ticked stops everything, a choice ticked again applies at once")
    void unknownChoice() throws Exception {
        String email = email();
        UUID id = consenting(email);
        String token = sent(id, email, Locale.FRENCH);
        long rows = history(id);
        Http browser = new Http(port);
        String csrf = Http.csrf(browser.get("/u/" + token).body());
        HttpResponse<String> refused = browser.postForm("/u/" + token + "/preferences", Map.of("_csrf", csrf, "on", "push:newsletters"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Choix non reconnu, aucun changement enregistré.").doesNotContain("Exception");
        assertThat(history(id)).isEqualTo(rows);
        assertThat(mayMail(id)).isTrue();
        // without the CSRF token of the page, the form is refused too
        assertThat(new Http(port).postForm("/u/" + token + "/preferences", Map.of()).statusCode()).isEqualTo(403);
        assertThat(mayMail(id)).isTrue();
        // the form with nothing ticked stops everything
        assertThat(browser.postForm("/u/" + token + "/preferences", Map.of("_csrf", csrf)).statusCode()).isEqualTo(200);
        assertThat(mayMail(id)).isFalse();
        // ticked again, the newsletters by e-mail come back at once (PreferencesBrowserTests does the same with the keyboard, on H2 only)
        assertThat(browser.postForm("/u/" + token + "/preferences", Map.of("_csrf", csrf, "on", "email:newsletters")).statusCode()).isEqualTo(200);
        assertThat(mayMail(id)).isTrue();
    }
}
