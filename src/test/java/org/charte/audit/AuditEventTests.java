package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditEventTests {

    static final UUID SUBJECT = UUID.fromString("0190a5e2-7c3b-7def-8abc-0123456789ab");

    @Test
    @DisplayName("R6.5 an audit event holds codes only: blank codes, commas in categories, control characters and overlong values are refused")
    void validated() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed(" ", "read", null, "subject", null, SUBJECT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "", null, "subject", null, SUBJECT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", null, " ", null, SUBJECT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", "", "subject", null, SUBJECT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", null, "subject", null, SUBJECT, List.of("identity,contact")));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", null, "subject", null, SUBJECT, List.of("")));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system\n", "read", null, "subject", null, SUBJECT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.denied("system", "read", null, "subject", "x".repeat(201), SUBJECT, List.of(), "no grant"));
        assertThatNullPointerException().isThrownBy(() -> new AuditEvent("system", "read", null, "subject", null, SUBJECT, List.of(), null, null));
    }

    @Test
    @DisplayName("R6.5 no personal data in the log: the actor is a typed id and the other fields codes, never a login or an address")
    void idsAndCodesOnly() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("jean.dupont@exemple.fr", "read", null, "subject", null, SUBJECT, List.of()))
                .withMessageNotContaining("jean.dupont");
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("staff:jdupont", "read", null, "subject", null, SUBJECT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", "Jean Dupont", "subject", null, SUBJECT, List.of()))
                .withMessageNotContaining("Dupont");
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", null, "subject", null, SUBJECT, List.of("Identity")));
        AuditEvent event = AuditEvent.allowed("subject:" + SUBJECT, "sign-in", "rights-requests", "hosted-database", "db-42", SUBJECT,
                List.of("hosted-credentials"));
        assertThat(event.actor()).isEqualTo("subject:" + SUBJECT);
    }

    @Test
    @DisplayName("R6.5 an audit event keeps its own copy of the categories")
    void categoriesCopied() {
        List<String> categories = new ArrayList<>(List.of("identity"));
        AuditEvent event = AuditEvent.denied("token:" + SUBJECT, "export", "rights-requests", "subject", null, SUBJECT, categories,
                "no grant covers this subject");
        categories.add("contact");
        assertThat(event.categories()).containsExactly("identity");
        assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(event.reason()).isEqualTo("no grant covers this subject");
    }
}
