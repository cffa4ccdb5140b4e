package org.charte.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The people recorded before V32 get their audience facts once, from their sealed contacts, at
 * start (R9.9, L9): here people whose facts are removed and listed as V32 lists them, then the
 * backfill run, which derives the same facts the entry hook did.
 */
@Tag("db")
class AudienceBackfillTests extends RightsTestBase {

    @Autowired Subjects subjects;
    @Autowired AudienceBackfill backfill;
    @Autowired JdbcClient jdbc;

    Map<String, Object> facts(UUID id) {
        return jdbc.sql("SELECT has_email, has_phone, has_address, call_zones FROM marketing_audience WHERE subject_id = ?").param(id)
                .query().singleRow();
    }

    List<String> rows(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(String.class).list().stream().sorted().toList();
    }

    @Test
    @DisplayName("R9.9 L9 the people recorded before the audience facts get them at start, the same as at entry, with nothing personal; then none is pending")
    void backfill() {
        UUID reunion = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "ANCIEN", "Paul", LocalDate.of(1970, 1, 2)),
                new Contacts(List.of(new PostalAddress(List.of("2 rue de Paris"), "97400", "Saint-Denis", "FR")), List.of("paul.ancien@example.org"),
                        List.of("+262692112233")), null), LocalDate.of(2026, 1, 5));
        UUID bare = subjects.register(SubjectStatus.PROSPECT, new Identity("Mme", "ANCIENNE", "Lucie", LocalDate.of(1971, 1, 2)),
                LocalDate.of(2026, 1, 5));
        Map<String, Object> atEntry = facts(reunion);
        List<String> hashesAtEntry = rows("SELECT address_hash FROM marketing_audience_hash WHERE subject_id = ?", reunion);
        assertThat(hashesAtEntry).hasSize(2);
        assertThat(rows("SELECT region FROM marketing_audience_region WHERE subject_id = ?", reunion)).containsExactly("FR-RE");

        for (UUID id : List.of(reunion, bare)) { // as before V32: no facts, listed for the backfill
            jdbc.sql("DELETE FROM marketing_audience_hash WHERE subject_id = ?").param(id).update();
            jdbc.sql("DELETE FROM marketing_audience_region WHERE subject_id = ?").param(id).update();
            jdbc.sql("DELETE FROM marketing_audience WHERE subject_id = ?").param(id).update();
            jdbc.sql("INSERT INTO marketing_audience_backfill (subject_id) VALUES (?)").param(id).update();
        }
        assertThat(backfill.run()).isGreaterThanOrEqualTo(2);

        assertThat(facts(reunion)).isEqualTo(atEntry);
        assertThat(String.valueOf(atEntry.get("call_zones"))).isEqualTo("Indian/Reunion");
        assertThat(rows("SELECT address_hash FROM marketing_audience_hash WHERE subject_id = ?", reunion)).isEqualTo(hashesAtEntry);
        assertThat(rows("SELECT region FROM marketing_audience_region WHERE subject_id = ?", reunion)).containsExactly("FR-RE");
        assertThat(rows("SELECT region FROM marketing_audience_region WHERE subject_id = ?", bare)).containsExactly("unknown");
        assertThat(String.valueOf(facts(bare).get("has_email"))).isEqualToIgnoringCase("false");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_audience_backfill").query(Long.class).single()).isZero();
    }
}
