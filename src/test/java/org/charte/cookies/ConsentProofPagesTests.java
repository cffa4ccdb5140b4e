package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The proof of one's cookie choices as a page (L3, R9.11), over real HTTP on the real database (H2, and PostgreSQL in
 * the db suite): the choices in words, what the banner showed, French and English, and every wrong address answered
 * with a readable page that changes nothing and repeats nothing.
 */
class ConsentProofPagesTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;

    Http anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new Http(port);
    }

    void choose(UUID consentId, String method, boolean audience, String... headers) {
        HttpResponse<String> created = anonymous.raw("POST", "/consent/v1/records", "application/json",
                ConsentRecordsTests.choice(consentId, ConsentRecordsTests.version(anonymous), method, audience, false).getBytes(StandardCharsets.UTF_8), headers);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("L3 R9.11 a person reads the proof of their cookie choices in words, French or English: each choice with its date, how it was made, each purpose accepted or refused, and what that banner version showed")
    void proofInWords() {
        UUID consentId = UUID.randomUUID();
        choose(consentId, "banner", true, "User-Agent", ConsentRecordsTests.CHROME);
        choose(consentId, "settings", false);
        choose(consentId, "banner", true, "Sec-GPC", "1");

        HttpResponse<String> page = anonymous.get("/mes-choix-cookies/" + consentId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String html = page.body();
        assertThat(html).contains("La preuve de mes choix de cookies").contains(consentId.toString())
                .contains("sur le bandeau").contains("dans les réglages rouverts par « Gérer mes cookies »")
                .contains("refus signalé par le navigateur (Global Privacy Control)")
                .contains("Mesure de fréquentation et d&#39;audience : accepté").contains("Mesure de fréquentation et d&#39;audience : refusé")
                .contains("Partage sur les réseaux sociaux : refusé").contains("(heure de Paris)").contains("navigateur : Chrome")
                .contains("langue : français").contains(ConsentRecordsTests.SITE)
                .contains("Ce que le bandeau affichait").contains("Vos choix en matière de cookies").contains("Refuser est aussi simple qu")
                .contains("« charte_consent »").contains("href=\"/consent/v1/records/" + consentId + "\"");
        assertThat(html).as("no raw code where words are due").doesNotContain(": true").doesNotContain(": false")
                .doesNotContain(">banner<").doesNotContain("social-sharing :");
        assertThat(html.indexOf("sur le bandeau")).as("oldest first").isLessThan(html.indexOf("dans les réglages rouverts"));

        String english = anonymous.get("/en/my-cookie-choices/" + consentId).body();
        assertThat(english).contains("The proof of my cookie choices").contains("on the banner").contains("Audience measurement: refused")
                .contains("(Paris time)").contains("language: French").contains("What the banner showed").contains("Your cookie choices")
                .contains("href=\"/mes-choix-cookies/" + consentId + "\"").doesNotContain("accepté");
        assertThat(html).as("the language switch leads to the same proof").contains("href=\"/en/my-cookie-choices/" + consentId + "\"");
    }

    @Test
    @DisplayName("L3 a consent id is asked for by a form; a valid one leads to its proof, anything else is answered by a readable page in the page's language that repeats nothing and records nothing")
    void wrongAddresses() {
        UUID consentId = UUID.randomUUID();
        choose(consentId, "banner", false);
        HttpResponse<String> form = anonymous.get("/mes-choix-cookies");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Identifiant de consentement").contains("name=\"id\"").contains("maxlength=\"36\"");

        HttpResponse<String> found = anonymous.get("/mes-choix-cookies?id=%20" + consentId.toString().toUpperCase() + "%20");
        assertThat(found.statusCode()).isEqualTo(302);
        assertThat(found.headers().firstValue("Location").orElseThrow()).endsWith("/mes-choix-cookies/" + consentId);
        assertThat(anonymous.get("/en/my-cookie-choices?id=" + consentId).headers().firstValue("Location").orElseThrow())
                .endsWith("/en/my-cookie-choices/" + consentId);

        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> none = anonymous.get("/mes-choix-cookies/" + unknown);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(main(none.body())).contains("Aucun choix n&#39;est enregistré sous cet identifiant").doesNotContain(unknown);
        assertThat(anonymous.get("/en/my-cookie-choices/" + unknown).body()).contains("No choice is recorded under this id");

        for (String wrong : new String[] {"/mes-choix-cookies/not-an-id", "/mes-choix-cookies/" + consentId + "0",
                "/mes-choix-cookies/%E2%80%AE" + consentId.toString().substring(1), "/mes-choix-cookies?id=" + "x".repeat(4000),
                "/mes-choix-cookies?id=%00%0A" + consentId, "/mes-choix-cookies?id=0000-00-00"}) {
            HttpResponse<String> refused = anonymous.get(wrong);
            assertThat(refused.statusCode()).as(wrong).isEqualTo(400);
            assertThat(main(refused.body())).as(wrong).contains("Ce n&#39;est pas un identifiant de consentement").doesNotContain("xxxx")
                    .doesNotContain("not-an-id").doesNotContain(consentId.toString().substring(1)).doesNotContain("Exception");
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("xxxxxxxx");
        }
        assertThat(anonymous.get("/en/my-cookie-choices/nope").body()).contains("This is not a consent id");
        assertThat(anonymous.get("/mes-choix-cookies?id=").statusCode()).as("an empty id: the form again").isEqualTo(200);
    }

    /** The page's own content, without the layout (whose language switch links the address asked, as on every page). */
    static String main(String html) {
        return html.substring(html.indexOf("<main"), html.indexOf("</main>"));
    }

    @Test
    @DisplayName("L3 the DPO's cookie statistics lead to the proof of a choice by its consent id")
    void theDpoFindsIt() {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        String page = world.dpo().http().get("/backoffice/cookies/statistiques").body();
        assertThat(page).contains("href=\"/mes-choix-cookies\"").contains("Lire la preuve d&#39;un choix");
        assertThat(world.dpo().http().get("/backoffice/cookies/statistiques?lang=en").body()).contains("href=\"/en/my-cookie-choices\"");
    }
}
