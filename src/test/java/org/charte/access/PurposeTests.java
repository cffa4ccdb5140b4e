package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shape of a named purpose, alone: no Spring, no database. */
class PurposeTests {

    /** Every message a refusal may carry: fixed texts, none quoting what was given. */
    static final List<String> MESSAGES = List.of("name the purpose of this access, one of the policy's purposes",
            "must be at most 64 characters: a purpose code of the policy", "must be a purpose code of the policy, such as customer-service");

    @Test
    @DisplayName("R4.5 a purpose code of the policy's shape is accepted as given")
    void wellFormed() {
        assertThat(Purpose.of("customer-service").code()).isEqualTo("customer-service");
        assertThat(Purpose.of("r2d2").toString()).isEqualTo("r2d2");
        assertThat(Purpose.of("a".repeat(Purpose.MAX_LENGTH)).code()).hasSize(Purpose.MAX_LENGTH);
        assertThat(Purpose.parse("billing-payment")).contains(new Purpose("billing-payment"));
        assertThat(Purpose.problem(Purpose.FIELD, "billing-payment")).isEmpty();
    }

    @Test
    @DisplayName("R4.5 every access names its purpose: a missing or blank one is refused, naming the field purpose")
    void missing() {
        for (String missing : new String[] {null, "", " ", "\t\n"}) {
            assertThatThrownBy(() -> Purpose.of(missing)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(fields(e)).containsExactly("purpose");
                assertThat(e.getMessage()).isEqualTo(MESSAGES.getFirst());
            });
        }
    }

    @Test
    @DisplayName("R4.5 a purpose that is not a code (capitals, spaces, control or bidi characters, dots, too long) is refused without repeating it")
    void malformed() {
        for (String bad : List.of("Customer-Service", "customer service", " billing", "billing\n", "customer--service",
                "-customer", "customer-", "customer.service", "customer\u202Eservice", "cust\u0000omer", "clientèle", "a".repeat(Purpose.MAX_LENGTH + 1),
                "x".repeat(600_000))) {
            assertThatThrownBy(() -> Purpose.of(bad)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(fields(e)).containsExactly("purpose");
                assertThat(e.getMessage()).as("never repeats the value").isIn(MESSAGES);
            });
            assertThat(Purpose.parse(bad)).isEmpty();
        }
        assertThatThrownBy(() -> new Purpose("Not A Code")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("R4.5 a refusal names the field the caller used")
    void namedField() {
        assertThatThrownBy(() -> Purpose.of("purposes[1]", "Nope")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(fields(e)).containsExactly("purposes[1]"));
        assertThat(Purpose.problem("purposes[0]", null)).get().extracting(InvalidInputException.FieldError::field).isEqualTo("purposes[0]");
    }

    @Test
    @DisplayName("R4.5 every purpose the policy declares has the shape of a purpose: whether it exists stays the decision point's question")
    void policyPurposes() {
        Policy policy = PolicyLoader.loadDefault();
        assertThat(policy.purposes()).isNotEmpty();
        for (Policy.Purpose declared : policy.purposes()) {
            assertThat(Purpose.parse(declared.id())).as(declared.id()).isPresent();
        }
        assertThat(Purpose.of("no-such-purpose").code()).isEqualTo("no-such-purpose"); // well formed; unknown to the policy
    }

    private static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(InvalidInputException.FieldError::field).toList();
    }
}
