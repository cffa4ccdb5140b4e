package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §9.3 of the policy page, rendered from the policy file's cookie list, in French and in English. */
class CookiePolicyPageTests extends RightsTestBase {

    @Test
    @DisplayName("R9.11 R4.4 R5.4 §9.3 lists every cookie with its purpose, lifetime, provider and party, and says choices are asked again after 6 months, FR and EN")
    void cookieList() {
        Http http = new Http(port);
        Document fr = Jsoup.parse(http.get("/politique-de-confidentialite").body());
        Element table = fr.getElementById("cookie-list");
        assertThat(table).isNotNull();
        assertThat(table.select("tbody tr")).hasSize(6);
        Element audience = table.selectFirst("tr[data-cookie=charte_audience]");
        assertThat(audience.select("td").eachText()).containsExactly("charte_audience",
                "Mesure de fréquentation et d'audience (soumis à votre consentement)", "13 mois", "ICS-Informatique", "propriétaire (nos sites)");
        assertThat(table.selectFirst("tr[data-cookie=JSESSIONID]").select("td").get(2).text()).isEqualTo("la session de navigation");
        assertThat(table.selectFirst("tr[data-cookie=bcookie]").select("td").eachText()).contains("LinkedIn", "tiers (domaine de l'émetteur)");
        assertThat(fr.text()).contains("demandés à nouveau au bout de 6 mois").contains("Gérer mes cookies");

        Document en = Jsoup.parse(http.get("/en/privacy-policy").body());
        Element english = en.getElementById("cookie-list");
        assertThat(english.selectFirst("tr[data-cookie=charte_consent]").select("td").eachText()).containsExactly("charte_consent",
                "Operating and optimising browsing (exempt from consent)", "13 months", "ICS-Informatique", "first party (our sites)");
        assertThat(en.text()).contains("asked again after 6 months").contains("Cookie settings");
    }
}
