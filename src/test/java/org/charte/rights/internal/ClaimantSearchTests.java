package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a sender's name and e-mail are folded for the requests list's blind indexes, both when indexed and when searched. */
class ClaimantSearchTests {

    @Test
    @DisplayName("R9.5 R9.7 a name is indexed and searched by its whole words, without case or accents; an e-mail whole, trimmed and in lower case")
    void folding() {
        assertThat(ClaimantSearch.words("  Élise DÜRR-Lefèvre, née O'Brien ")).containsExactly("elise", "durr", "lefevre", "nee", "o", "brien");
        assertThat(ClaimantSearch.words("Anne anne ANNE")).as("each word once").containsExactly("anne");
        assertThat(ClaimantSearch.words("a b c d e f g h i j k l m n")).hasSize(ClaimantSearch.MAX_WORDS);
        assertThat(ClaimantSearch.words(null)).isEmpty();
        assertThat(ClaimantSearch.words(" -- ")).isEmpty();
        assertThat(ClaimantSearch.email(" Camille.Dupont@Example.ORG ")).hasValue("camille.dupont@example.org");
        assertThat(ClaimantSearch.email("@example.org")).isEmpty();
        assertThat(ClaimantSearch.email(null)).isEmpty();
        assertThat(ClaimantSearch.isEmail("camille@example.org")).isTrue();
        assertThat(ClaimantSearch.isEmail("R-2026-000123")).isFalse();
    }
}
