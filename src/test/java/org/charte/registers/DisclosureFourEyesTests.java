package org.charte.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DisclosureFourEyesTests {

    final UUID recorder = UUID.fromString("0190a5e2-7c3b-7def-8abc-000000000001");
    final UUID otherDpo = UUID.fromString("0190a5e2-7c3b-7def-8abc-000000000002");

    @Test
    @DisplayName("R6.6 a disclosure is approved by a DPO who did not record it")
    void anotherDpoApproves() {
        assertThat(DisclosureFourEyes.refusal(recorder, null, otherDpo, "dpo")).isEmpty();
    }

    @Test
    @DisplayName("R6.6 the person who recorded a disclosure may not approve it")
    void recorderRefused() {
        assertThat(DisclosureFourEyes.refusal(recorder, null, recorder, "dpo")).hasValueSatisfying(r -> assertThat(r).contains("another DPO"));
    }

    @Test
    @DisplayName("R6.6 only the DPO approves a disclosure, and only once")
    void onlyDpoOnlyOnce() {
        assertThat(DisclosureFourEyes.refusal(recorder, null, otherDpo, "adv")).hasValue("only the DPO approves a disclosure");
        assertThat(DisclosureFourEyes.refusal(recorder, otherDpo, otherDpo, "dpo")).hasValue("the disclosure is already approved");
    }
}
