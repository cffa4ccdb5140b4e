package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * §7 of the policy and the Art. 30 register as {@code charte policy render} writes them (the site
 * renders the same templates): each social network's transfer with its safeguard in words and the
 * instrument it rests on, in French and in English (R7.2).
 */
class TransferDocumentsTests {

    private final Policy policy = PolicyLoader.loadDefault();
    private final PolicyVersion version = new PolicyVersion(UUID.fromString("0190a5e2-7c3b-7def-8abc-0123456789ab"), policy.version(),
            policy.effectiveDate(), policy.contentSha256(), Instant.EPOCH, Instant.EPOCH);

    private Document render(PolicyDocuments.Document document, Locale locale) {
        return Jsoup.parse(PolicyDocuments.renderStandalone(policy, version, document, locale));
    }

    @Test
    @DisplayName("R7.2 §7 of the policy names each social network's transfer with its safeguard in words, FR and EN")
    void policyText() {
        Document fr = render(PolicyDocuments.Document.PRIVACY_POLICY, Locale.FRENCH);
        assertThat(fr.getElementById("transfer-social-facebook").text()).contains("Facebook (Meta Platforms Ireland Ltd)")
                .contains("pays : États-Unis")
                .contains("garantie : décision d'adéquation de la Commission européenne — cadre de protection des données UE–États-Unis")
                .contains("2023/1795").contains("Meta Platforms, Inc. est certifiée");
        assertThat(fr.getElementById("transfer-social-x").text()).contains("X (Twitter International Unlimited Company)")
                .contains("garantie : clauses contractuelles types de la Commission européenne — décision d'exécution (UE) 2021/914");
        assertThat(fr.getElementById("transfer-social-linkedin").text()).contains("LinkedIn")
                .contains("décision d'adéquation de la Commission européenne").contains("LinkedIn Corporation est certifiée");
        assertThat(fr.text()).doesNotContain("standard-contractual-clauses").doesNotContain("adequacy-decision");

        Document en = render(PolicyDocuments.Document.PRIVACY_POLICY, Locale.ENGLISH);
        assertThat(en.getElementById("transfer-social-facebook").text()).contains("countries: United States")
                .contains("safeguard: adequacy decision of the European Commission — EU–US Data Privacy Framework, Commission Implementing Decision (EU) 2023/1795");
        assertThat(en.getElementById("transfer-social-x").text())
                .contains("safeguard: standard contractual clauses of the European Commission — Commission Implementing Decision (EU) 2021/914");
        assertThat(en.text()).doesNotContain("standard-contractual-clauses").doesNotContain("adequacy-decision");
    }

    @Test
    @DisplayName("R7.2 the Art. 30 register lists each social network's transfer with its safeguard, and the sharing purpose's row names each network's, FR and EN")
    void register() {
        Document fr = render(PolicyDocuments.Document.REGISTER, Locale.FRENCH);
        assertThat(fr.getElementById("transfer-social-facebook").select("td").eachText()).containsExactly(
                policy.transfers().get(0).label().fr(), "États-Unis",
                "décision d'adéquation de la Commission européenne — " + policy.transfers().get(0).safeguardReference().fr());
        assertThat(fr.getElementById("transfer-social-x").select("td").get(2).text())
                .startsWith("clauses contractuelles types de la Commission européenne — décision d'exécution (UE) 2021/914");
        assertThat(fr.getElementById("transfer-social-linkedin").select("td").get(2).text()).startsWith("décision d'adéquation");
        assertThat(fr.getElementById("purpose-cookies-social-sharing").select(".transfer").eachText()).satisfiesExactly(
                t -> assertThat(t).startsWith("Facebook (Meta) (pays : États-Unis ; garantie : décision d'adéquation"),
                t -> assertThat(t).startsWith("X (Twitter) (pays : États-Unis ; garantie : clauses contractuelles types"),
                t -> assertThat(t).startsWith("LinkedIn (pays : États-Unis ; garantie : décision d'adéquation"));
        assertThat(fr.getElementById("purpose-cookies-social-sharing").text()).contains("Facebook (Meta) ; X (Twitter) ; LinkedIn");

        Document en = render(PolicyDocuments.Document.REGISTER, Locale.ENGLISH);
        assertThat(en.getElementById("transfer-social-x").select("td").get(2).text())
                .isEqualTo("standard contractual clauses of the European Commission — " + policy.transfers().get(1).safeguardReference().en());
        assertThat(en.getElementById("purpose-cookies-social-sharing").select(".transfer").eachText())
                .anySatisfy(t -> assertThat(t).startsWith("LinkedIn (countries: United States; safeguard: adequacy decision of the European Commission"));
        assertThat(en.text()).doesNotContain("standard-contractual-clauses");
    }
}
