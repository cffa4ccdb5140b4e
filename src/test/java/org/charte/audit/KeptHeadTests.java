package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalLong;
import org.charte.audit.AuditVerification.Kind;
import org.charte.audit.AuditVerification.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeptHeadTests {

    static final String H = "ab".repeat(32);
    static final String OTHER = "cd".repeat(32);

    @Test
    @DisplayName("R6.5 a kept head reads as SEQ:HASH or HASH alone, and anything else is refused without echoing it")
    void parse() {
        assertThat(KeptHead.parse("12:" + H.toUpperCase())).isEqualTo(new KeptHead(12L, H));
        assertThat(KeptHead.parse(" #12:" + H + " ")).isEqualTo(new KeptHead(12L, H));
        assertThat(KeptHead.parse(H)).isEqualTo(new KeptHead(null, H));
        assertThat(KeptHead.of(12, H)).hasToString("12:" + H);
        assertThat(KeptHead.parse(KeptHead.of(0, AuditEntry.GENESIS).toString()).seq()).isZero();
        for (String bad : new String[] {"", "12", "12:" + H.substring(1), H + "0", "x:" + H, "-1:" + H, "12:" + H.replace('a', 'g')}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> KeptHead.parse(bad))
                    .withMessage("a kept head is SEQ:HASH or HASH, the hash 64 hexadecimal characters");
        }
    }

    @Test
    @DisplayName("R6.5 a kept head is confirmed when the intact chain still has that hash at that position, entries appended since")
    void confirmed() {
        KeptHead.Check check = KeptHead.of(9, H).check(AuditVerification.intact(12), OptionalLong.of(9), H);
        assertThat(check.confirmed()).isTrue();
        assertThat(check.message()).isEqualTo("Kept head confirmed: entry #9 still has hash " + H + "; 3 entries appended since.");
        assertThat(new KeptHead(null, H).check(AuditVerification.intact(9), OptionalLong.of(9), null).message())
                .endsWith("; 0 entries appended since.");
        assertThat(KeptHead.of(0, AuditEntry.GENESIS).check(AuditVerification.intact(4), OptionalLong.of(0), AuditEntry.GENESIS).confirmed())
                .as("the head of the empty log").isTrue();
    }

    @Test
    @DisplayName("R6.5 a kept head is missing when no entry has its hash (rewritten or truncated up to it), or has it at another position")
    void missing() {
        KeptHead.Check rewritten = KeptHead.of(9, H).check(AuditVerification.intact(12), OptionalLong.empty(), OTHER);
        assertThat(rewritten.status()).isEqualTo(KeptHead.Status.MISSING);
        assertThat(rewritten.message()).startsWith("Kept head 9:" + H + " is missing: no entry of the log has that hash.")
                .contains("Entry #9 now has hash " + OTHER + ".");
        assertThat(KeptHead.of(9, H).check(AuditVerification.intact(5), OptionalLong.empty(), null).message())
                .contains("The log has no entry #9 now.");
        assertThat(KeptHead.of(9, H).check(AuditVerification.intact(12), OptionalLong.of(10), OTHER).status())
                .isEqualTo(KeptHead.Status.MISSING);
        assertThat(new KeptHead(null, H).check(AuditVerification.intact(12), OptionalLong.empty(), null).confirmed()).isFalse();
    }

    @Test
    @DisplayName("R6.5 on a broken chain a kept head is confirmed only before the break")
    void broken() {
        AuditVerification broken = AuditVerification.broken(6, new Problem(Kind.ALTERED, 7, "entry #7 no longer matches its hash"));
        assertThat(KeptHead.of(5, H).check(broken, OptionalLong.of(5), H).message()).endsWith("before the chain breaks.");
        KeptHead.Check after = KeptHead.of(9, H).check(broken, OptionalLong.of(9), H);
        assertThat(after.status()).isEqualTo(KeptHead.Status.UNVERIFIED);
        assertThat(after.confirmed()).isFalse();
    }
}
