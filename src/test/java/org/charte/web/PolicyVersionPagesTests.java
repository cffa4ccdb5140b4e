package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.PolicyVersion;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The versions of the policy and what changed between two, over real HTTP (L10), on the default test context. */
@CharteIntegrationTest
class PolicyVersionPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    CurrentPolicy current;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private Document page(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).doesNotContain("??").doesNotContain("Exception");
        return Jsoup.parse(response.body());
    }

    private PolicyVersion v12() {
        return current.versions().stream().filter(v -> v.label().equals("1.2")).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("L10 R1.1 both shipped versions are known on a fresh database: the French versions page lists 1.3 (upcoming, applied by Charte) "
            + "and 1.2 (in force until 15/01/2027) and links their comparison; the policy page links it from its version line")
    void versionsPage() {
        assertThat(current.version().label()).isEqualTo("1.3");
        Document page = page("/politique-de-confidentialite/versions");
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
        Element v13 = page.selectFirst("tr[data-version=1.3]");
        Element v12 = page.selectFirst("tr[data-version=1.2]");
        assertThat(v13.text()).contains("15/01/2027").contains("à venir").contains("appliquée par Charte").contains("Comparer avec la version 1.2")
                .contains("changement important");
        assertThat(v12.text()).contains("27/12/2024").contains("en vigueur").contains("première version connue");
        String compare = v13.selectFirst("a[href*=comparer]").attr("href");
        assertThat(compare).contains("de=" + v12().id()).contains("a=" + current.version().id());
        assertThat(page.text()).contains("Versions de la politique de confidentialité").doesNotContain("Compare with").doesNotContain("upcoming");

        Document policy = page("/politique-de-confidentialite");
        assertThat(policy.selectFirst("#policy-version-line a").attr("href")).isEqualTo("/politique-de-confidentialite/versions");
        assertThat(policy.selectFirst("#policy-upcoming").text()).contains("entre en vigueur le 15/01/2027");
        assertThat(policy.selectFirst("#policy-upcoming a").attr("href")).contains("/politique-de-confidentialite/versions/comparer");
        assertThat(policy.selectFirst("#versions a[href=/politique-de-confidentialite/versions]")).isNotNull();
        assertThat(policy.selectFirst("#privacy-centre a").attr("href")).isEqualTo("/mes-droits");

        Document english = page("/en/privacy-policy/versions");
        assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(english.selectFirst("tr[data-version=1.3]").text()).contains("upcoming").contains("Compare with version 1.2");
        assertThat(english.text()).contains("Versions of the privacy policy").doesNotContain("Comparer").doesNotContain("à venir");
        assertThat(page("/en/privacy-policy").selectFirst("#policy-version-line a").attr("href")).isEqualTo("/en/privacy-policy/versions");
    }

    @Test
    @DisplayName("L10 L4 L5 L8 the comparison of 1.2 and 1.3 goes clause by clause: §5 marks 10 (years) removed and 3 added, with the reason, "
            + "the source L4 and 'material'; §9.1 shows restriction added and the motive removed; unchanged clauses are listed apart")
    void comparison() {
        Document page = page("/politique-de-confidentialite/versions/comparer?de=" + v12().id() + "&a=" + current.version().id());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Changements entre les versions 1.2 et 1.3");
        Element retention = page.selectFirst("#clause-5");
        assertThat(retention.selectFirst("h2").text()).contains("5. Durée de conservation des données").contains("modifiée").contains("changement important");
        assertThat(retention.select(".policy-diff-old p.changed")).anySatisfy(p -> {
            assertThat(p.text()).contains("pendant 10 ans après");
            assertThat(p.select("del").eachText()).contains("10");
        });
        assertThat(retention.select(".policy-diff-new p.changed")).anySatisfy(p -> {
            assertThat(p.text()).contains("pendant 3 ans après");
            assertThat(p.select("ins").eachText()).contains("3");
        });
        assertThat(retention.select(".policy-diff-old p.changed")).anySatisfy(p -> {
            assertThat(p.text()).contains("pendant toute l'existence du site");
            assertThat(p.select("del").eachText()).contains("toute l'existence");
        });
        assertThat(retention.select(".policy-diff-new p.changed")).anySatisfy(p -> {
            assertThat(p.text()).contains("pendant 25 mois à compter de la collecte, puis supprimées.");
            assertThat(p.select("ins").text()).contains("25");
        });
        assertThat(retention.selectFirst(".policy-change-reasons").text()).contains("Raison :").contains("référentiel de la CNIL")
                .contains("L4, anciens clients : 3 ans, puis archive intermédiaire").contains("L8").contains("changement important");

        Element rights = page.selectFirst("#clause-9\\.1");
        assertThat(rights.select(".policy-diff-new ins").eachText()).anySatisfy(t -> assertThat(t).contains("limitation"));
        assertThat(rights.select(".policy-diff-old del").eachText()).anySatisfy(t -> assertThat(t).contains("motif légitime"));
        assertThat(rights.selectFirst(".policy-change-reasons").text()).contains("L5").contains("exigence R9.1");
        assertThat(page.select("#unchanged li").eachText()).anySatisfy(t -> assertThat(t).startsWith("2. Responsable des traitements"));
        assertThat(page.selectFirst("#clause-2")).as("an unchanged clause is not shown as a change").isNull();

        Document english = page("/en/privacy-policy/versions/compare?from=" + v12().id() + "&to=" + current.version().id());
        assertThat(english.selectFirst("h1").text()).isEqualTo("Changes between versions 1.2 and 1.3");
        Element en = english.selectFirst("#clause-5");
        assertThat(en.select(".policy-diff-new p.changed")).anySatisfy(p -> assertThat(p.text()).contains("for 3 years"));
        assertThat(en.selectFirst(".policy-change-reasons").text()).contains("Reason:").contains("former clients: 3 years")
                .doesNotContain("Raison").doesNotContain("anciens clients");
        assertThat(page("/en/privacy-policy/versions/compare").selectFirst("h1").text()).as("by default, the newest two")
                .isEqualTo("Changes between versions 1.2 and 1.3");
    }

    @Test
    @DisplayName("L10 a bad or unknown version id answers a readable 404 page in the page's language, never a stack trace nor the value")
    void badVersions() {
        String garbage = "pas-une-version%3Cscript%3E";
        for (String path : new String[] {"/politique-de-confidentialite/versions/comparer?de=" + garbage + "&a=" + current.version().id(),
                "/politique-de-confidentialite/versions/comparer?de=" + UUID.randomUUID() + "&a=" + current.version().id(),
                "/politique-de-confidentialite/versions/comparer?de=" + "a".repeat(5000),
                "/en/privacy-policy/versions/compare?from=" + current.version().id() + "&to=" + garbage}) {
            HttpResponse<String> response = http.get(path, "Accept", "text/html");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("<script>").doesNotContain("pas-une-version");
            Document page = Jsoup.parse(response.body());
            assertThat(page.selectFirst("h1").text()).contains("404");
        }
    }
}
