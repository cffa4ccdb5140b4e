package org.charte.subjects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveCategory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The word lists as the screen uses them, without Spring: what is found, what is left alone, what the redacted text reads. */
class SensitiveDataScreenTests {

    final WordListScreen screen = new WordListScreen(null);

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Le client est diabétique depuis 2019.                    | HEALTH
            Arrêt maladie jusqu'au 12 mars.                          | HEALTH
            Elle est enceinte et suit un traitement médical.          | HEALTH
            Il est musulman pratiquant.                              | RELIGIOUS_BELIEFS
            Témoin de Jéhovah, ne pas appeler le samedi.             | RELIGIOUS_BELIEFS
            Militant au Rassemblement national.                      | POLITICAL_OPINIONS
            Sympathisant d'extrême gauche.                           | POLITICAL_OPINIONS
            Délégué syndical CGT dans son entreprise.                | TRADE_UNION_MEMBERSHIP
            Elle est syndiquée.                                      | TRADE_UNION_MEMBERSHIP
            Origine ethnique : maghrébine.                           | RACIAL_ETHNIC_ORIGIN
            Il vit avec son compagnon, il est homosexuel.            | SEXUAL_ORIENTATION
            """)
    @DisplayName("R3.6 French: each category is found, whatever the case and accents")
    void french(String text, SensitiveCategory category) {
        assertThat(screen.screen(text).categories()).containsExactly(category);
        assertThat(screen.screen(text.toUpperCase()).categories()).containsExactly(category);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Customer is diabetic, call in the morning.               | HEALTH
            She is on sick leave until March.                        | HEALTH
            He is a practising Catholic.                             | RELIGIOUS_BELIEFS
            Strong political views, avoid the subject.               | POLITICAL_OPINIONS
            Shop steward at his company.                             | TRADE_UNION_MEMBERSHIP
            Asked about our ethnicity statistics form.               | RACIAL_ETHNIC_ORIGIN
            He is gay and married.                                   | SEXUAL_ORIENTATION
            """)
    @DisplayName("R3.6 English: each category is found")
    void english(String text, SensitiveCategory category) {
        assertThat(screen.screen(text).categories()).containsExactly(category);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Un utilisateur maladroit a supprimé une facture.",
            "Syndicat des copropriétaires de la résidence Les Tilleuls, conseil syndical le 3 mai.",
            "Account disabled after three failed sign-ins.",
            "Préfère être contacté le matin ; cabinet comptable de 4 personnes.",
            "La solution doit rester agnostique de la plateforme.",
            "Remise commerciale de 10 % accordée, beurre et fromages livrés.",
            "Mâcon, 12 rue de la Paix; the horse race was cancelled."})
    @DisplayName("R3.6 ordinary words that merely look alike are left alone")
    void noFalsePositives(String text) {
        Screening screening = screen.screen(text);
        assertThat(screening.clean()).as(screening.redacted()).isTrue();
        assertThat(screening.redacted()).isEqualTo(text);
    }

    @Test
    @DisplayName("R3.6 free text is redacted word by word and phrase by phrase; the rest of the text is kept")
    void redaction() {
        Screening screening = screen.screen("Client DIABÉTIQUE, délégué syndical ; rappeler lundi. Also: he votes for the far right.");
        assertThat(screening.categories()).containsExactlyInAnyOrder(SensitiveCategory.HEALTH, SensitiveCategory.TRADE_UNION_MEMBERSHIP,
                SensitiveCategory.POLITICAL_OPINIONS);
        assertThat(screening.redacted()).isEqualTo("Client […], […] ; rappeler lundi. Also: he votes for the […].");
        assertThat(screening.codes()).containsExactly("health", "political-opinions", "trade-union-membership");
    }

    @Test
    @DisplayName("R3.6 a word that is also a common surname is looked for in free text, not in names")
    void surnames() {
        assertThat(screen.screen("Marie Gay", false).clean()).isTrue();
        assertThat(screen.screen("Jean Chrétien", false).clean()).isTrue();
        assertThat(screen.screen("il est gay").categories()).containsExactly(SensitiveCategory.SEXUAL_ORIENTATION);
        assertThat(screen.screen("Dupont (diabétique)", false).categories()).containsExactly(SensitiveCategory.HEALTH);
    }
}
