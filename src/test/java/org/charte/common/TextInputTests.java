package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextInputTests {

    @Test
    @DisplayName("R8.5 a text longer than its declared maximum is refused, the field named and the text never repeated")
    void maximum() {
        String huge = "Dupont".repeat(100_000);
        List<FieldError> errors = new ArrayList<>();
        assertThat(TextInput.line(errors, "displayName", huge, 200)).isFalse();
        assertThat(errors).containsExactly(new FieldError("displayName", "must be at most 200 characters"));
        assertThat(TextInput.line(errors, "displayName", "x".repeat(200), 200)).isTrue();
        assertThat(TextInput.problem(null, 1, Kind.SINGLE_LINE)).isNull();
        assertThatThrownBy(() -> TextInput.requireFreeText("reason", huge, 500))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("reason");
                    assertThat(e.getMessage()).doesNotContain("Dupont");
                });
    }

    @Test
    @DisplayName("R8.5 R3.1 names, addresses and e-mails hold no NUL, other C0/C1 control or bidi override; free text may hold line breaks and tabs")
    void characters() {
        for (String bad : List.of("Du\u0000pont", "Dupont\u001b[31m", "Dupont\u0085", "Dupont\u007f", "\u202eTNOPUD", "Du\u202apont",
                "Du\u2066pont\u2069", "Du\u202cpont")) {
            assertThat(TextInput.problem(bad, 100, Kind.SINGLE_LINE)).isEqualTo(TextInput.LINE_BREAK_MESSAGE);
            assertThat(TextInput.problem(bad, 100, Kind.FREE_TEXT)).isEqualTo(TextInput.CONTROL_MESSAGE);
        }
        assertThat(TextInput.problem("ligne 1\nligne 2", 100, Kind.SINGLE_LINE)).isEqualTo(TextInput.LINE_BREAK_MESSAGE);
        assertThat(TextInput.problem("ligne 1\r\n\tligne 2", 100, Kind.FREE_TEXT)).isNull();
        assertThat(TextInput.problem("Łukasz Noël-D’Aubigné, 5 rue des Écoles", 100, Kind.SINGLE_LINE)).isNull();
        assertThat(TextInput.problem("محمد", 100, Kind.SINGLE_LINE)).isNull();
    }
}
