package org.charte.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.charte.retention.Erasures.Basis;
import org.charte.retention.Erasures.Kept;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErasureKeepingGroundsTests {

    static Kept kept(Basis basis, String code) {
        return new Kept("invoice", UUID.randomUUID(), basis, code, "reference", null);
    }

    @Test
    @DisplayName("R9.2 L10 what an erasure keeps cites the GDPR's ground for keeping it: Art. 17(3)(b) for a legal obligation, 17(3)(e) for legal claims, 6(1)(b) for the contract in force")
    void gdprArticles() {
        assertThat(kept(Basis.ARCHIVE_OBLIGATION, "accounting").gdprArticle()).isEqualTo("17-3-b");
        assertThat(kept(Basis.LEGAL_HOLD, "unpaid-invoice").gdprArticle()).isEqualTo("17-3-e");
        assertThat(kept(Basis.LEGAL_HOLD, "litigation").gdprArticle()).isEqualTo("17-3-e");
        assertThat(kept(Basis.LEGAL_HOLD, "accounting-obligation").gdprArticle()).isEqualTo("17-3-b");
        assertThat(kept(Basis.LEGAL_HOLD, "authority-request").gdprArticle()).isEqualTo("17-3-b");
        assertThat(kept(Basis.CONTRACT_IN_FORCE, "client-active").gdprArticle()).isEqualTo("6-1-b");
    }
}
