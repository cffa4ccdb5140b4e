package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessReportLinesTests {

    final UUID person = UUID.randomUUID();
    final Instant now = Instant.parse("2026-12-03T10:00:00Z");
    long seq = 100;

    AuditEntry entry(String actor, String action, String purpose, String category, Instant at) {
        return new AuditEntry(seq--, UUID.randomUUID(), at,
                AuditEvent.allowed(actor, action, purpose, "subject", person.toString(), person, List.of(category)), AuditEntry.GENESIS,
                AuditEntry.GENESIS);
    }

    @Test
    @DisplayName("R9.1 L10 the person's own reading is one line even when a mail leaving for them is written in its middle; a later reading is another")
    void ownReadingNotSplitByOthers() {
        String self = "subject:" + person;
        String staff = "staff:" + UUID.randomUUID();
        List<AuditEntry> newestFirst = List.of(
                entry(self, "read", "rights-requests", "identity", now),
                entry("system", "outbound", "rights-requests", "contact", now),
                entry(self, "read", "rights-requests", "orders", now),
                entry(self, "read", "rights-requests", "billing", now),
                entry(staff, "write", "billing", "billing", now.minusSeconds(60)),
                entry(self, "read", "rights-requests", "identity", now.minusSeconds(3_600)));

        List<AccessReportLines.Line> lines = AccessReportLines.of(person, newestFirst);

        assertThat(lines).extracting(AccessReportLines.Line::actor).containsExactly(self, "system", staff, self);
        assertThat(lines.getFirst().entries()).isEqualTo(3);
        assertThat(lines.getFirst().categories()).containsExactly("identity", "orders", "billing");
        assertThat(lines.getLast().entries()).as("an hour earlier: another reading").isEqualTo(1);
    }
}
