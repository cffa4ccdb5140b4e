package org.charte.subjects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Juif", "Catholique", "Gay", "Jean Chrétien", "Dupont (diabétique)", "5 Rue des Malades", "Cancer Research UK",
            "Foyer pour personnes handicapées", "Union locale CGT", "Rassemblement national", "Institut Curie, service de cancérologie"})
    @DisplayName("R3.6 names and address lines are real names and places: a listed word alone never refuses them")
    void realNamesAndPlaces(String value) {
        Screening screening = screen.screen(value, false);
        assertThat(screening.clean()).as(value).isTrue();
        assertThat(screening.redacted()).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Paul, orientation sexuelle : homosexuel  | SEXUAL_ORIENTATION
            Convictions religieuses catholiques      | RELIGIOUS_BELIEFS
            Dossier médical à part                   | HEALTH
            Appartenance syndicale CGT               | TRADE_UNION_MEMBERSHIP
            Origine ethnique maghrébine              | RACIAL_ETHNIC_ORIGIN
            Political opinions: left                 | POLITICAL_OPINIONS
            """)
    @DisplayName("R3.6 a structured field refuses only the unambiguous phrases (marked ! in the lists)")
    void unambiguousPhrasesInStructuredFields(String value, SensitiveCategory category) {
        assertThat(screen.screen(value, false).categories()).containsExactly(category);
    }

    @Test
    @DisplayName("R3.6 free text is still screened for every listed word, names and places included")
    void freeTextStillScreened() {
        assertThat(screen.screen("il est gay").categories()).containsExactly(SensitiveCategory.SEXUAL_ORIENTATION);
        assertThat(screen.screen("Habite 5 rue des Malades.").redacted()).isEqualTo("Habite 5 rue des […].");
    }

    @Test
    @DisplayName("R3.6 a phrase the DPO accepted is skipped, in free text and structured fields; the same word elsewhere is still found")
    void acceptedPhrases() {
        WordListScreen withAccepted = new WordListScreen(null, () -> List.of(
                WordListScreen.words("rue des Malades"), WordListScreen.words("Institut du Cancer de Montpellier")));
        Screening screening = withAccepted.screen("Habite 5 RUE DES MALADES ; il est malade, suivi à l'Institut du cancer de Montpellier.");
        assertThat(screening.categories()).containsExactly(SensitiveCategory.HEALTH);
        assertThat(screening.redacted()).isEqualTo("Habite 5 RUE DES MALADES ; il est […], suivi à l'Institut du cancer de Montpellier.");
        assertThat(withAccepted.screen("Les malades de la rue").redacted()).isEqualTo("Les […] de la rue");
    }

    @Test
    @DisplayName("R3.6 a listed word or phrase alone is told from a phrase around one (the DPO may accept only the latter)")
    void entries() {
        assertThat(screen.isEntry(WordListScreen.words("Malades"))).isTrue();
        assertThat(screen.isEntry(WordListScreen.words("orientation sexuelle"))).isTrue();
        assertThat(screen.isEntry(WordListScreen.words("catholiques"))).as("a prefix entry").isTrue();
        assertThat(screen.isEntry(WordListScreen.words("rue des Malades"))).isFalse();
    }
}
