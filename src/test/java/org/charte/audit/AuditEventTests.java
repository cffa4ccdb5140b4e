package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
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

    /** The shapes as regular expressions: what {@link AuditEvent#isActor} and {@link AuditEvent#isCode} check by hand. */
    static final Pattern ACTOR = Pattern.compile("system|[a-z][a-z-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    @Test
    @DisplayName("R6.5 the actor and code checks take exactly what their regular expressions take, for 200,000 random and edge values")
    void handChecksAreTheRegularExpressions() {
        List<String> values = new ArrayList<>(List.of("", "system", "System", "systems", "system:" + SUBJECT, "staff:" + SUBJECT,
                "staff:" + SUBJECT.toString().toUpperCase(Locale.ROOT), "-staff:" + SUBJECT, "a-:" + SUBJECT, "a:" + SUBJECT,
                ":" + SUBJECT, "staff:" + SUBJECT + "0", "staff:" + SUBJECT.toString().substring(1), "staff:" + SUBJECT.toString().replace('-', '0'),
                "staff::" + SUBJECT, "read", "0read", ".read", "-read", "_read", "re.ad_x-9", "reAd", "ré", "read ", "a", "9", "a,b",
                "staff:" + SUBJECT.toString().replace("-7def-", "-7dxf-"), "staff:" + SUBJECT.toString().replace("-7def-", "7-def-")));
        Random random = new Random(7);
        String alphabet = "abcfz09-:._ AZé,\u0000\n";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder();
            if (random.nextBoolean()) { // near an actor: a kind, a colon, a UUID, then a character changed
                value.append("staff-x".substring(0, 1 + random.nextInt(7))).append(':').append(UUID.randomUUID());
                if (random.nextInt(3) > 0) {
                    value.setCharAt(random.nextInt(value.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                for (int n = random.nextInt(12); n > 0; n--) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            values.add(value.toString());
        }
        for (String value : values) {
            assertThat(AuditEvent.isActor(value)).as("actor %s", value).isEqualTo(ACTOR.matcher(value).matches());
            assertThat(AuditEvent.isCode(value)).as("code %s", value).isEqualTo(CODE.matcher(value).matches());
        }
    }

    @Test
    @DisplayName("R6.5 categories: at most 2,000 characters together, commas between them counted")
    void categoriesTogether() {
        List<String> at = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            at.add("c".repeat(i < 19 ? 99 : 100)); // 19 × 99 + 100 + 19 commas = 2,000
        }
        assertThat(String.join(",", at)).hasSize(2000);
        assertThat(AuditEvent.allowed("system", "read", null, "subject", null, SUBJECT, at).categories()).hasSize(20);
        at.set(0, "c".repeat(100));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.allowed("system", "read", null, "subject", null, SUBJECT, at))
                .withMessageContaining("2000");
    }
}
