package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.Zones;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch of the group commit holding several choices that refuse audience measurement erases the
 * navigation data of each of those consent ids, in one statement and in the batch's commit, and
 * nobody else's (R3.4, L8), on the real database (H2, and PostgreSQL in the db suite).
 */
class ConsentWithdrawalBatchTests extends RightsTestBase {

    @Autowired ConsentWriter writer;
    @Autowired Ids ids;
    @Autowired JdbcClient jdbc;

    private void event(UUID consentId, OffsetDateTime at) {
        jdbc.sql("INSERT INTO navigation_consented_event (view_day, occurred_at, consent_id, site, page, referrer, entry, ip_address, browser, "
                        + "browser_version, os, os_version) VALUES (?, ?, ?, 'https://www.gestan-demo.example', '/p', NULL, TRUE, '192.0.2.1', "
                        + "'Firefox', '140', 'Linux', '??')")
                .params(LocalDate.ofInstant(at.toInstant(), Zones.PARIS), at, consentId).update();
    }

    private long events(UUID consentId) {
        return jdbc.sql("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?").param(consentId).query(Long.class).single();
    }

    private ConsentWriter.Pending proof(UUID consentId, boolean audience, OffsetDateTime at) {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        choices.put("audience", audience);
        choices.put("social-sharing", false);
        return new ConsentWriter.Pending(new JdbcConsentRecords.Row(ids.next(), consentId, "0123456789abcdef", "banner",
                "https://www.gestan-demo.example", "fr", "firefox", at, choices));
    }

    @Test
    @DisplayName("R3.4 L8 a batch with several refusals of audience measurement erases each of those consent ids' navigation data, and only theirs")
    void severalWithdrawalsInOneBatch() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID accepting = UUID.randomUUID();
        UUID untouched = UUID.randomUUID();
        for (UUID id : List.of(first, second, accepting, untouched)) {
            event(id, now.minusMinutes(5));
            event(id, now.minusMinutes(1));
        }
        List<ConsentWriter.Pending> batch = List.of(proof(first, false, now), proof(accepting, true, now), proof(second, false, now),
                proof(first, false, now));
        writer.write(batch);
        batch.forEach(pending -> assertThat(pending.done()).isCompleted().isNotCompletedExceptionally());
        assertThat(events(first)).isZero();
        assertThat(events(second)).isZero();
        assertThat(events(accepting)).isEqualTo(2);
        assertThat(events(untouched)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id IN (?, ?, ?)").params(first, second, accepting)
                .query(Long.class).single()).isEqualTo(4);
    }
}
