package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.common.Zones;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The choices of a group commit's batch that refuse audience measurement erase the navigation data of
 * each of those consent ids in one statement (per 1,000 ids), in the batch's transaction
 * ({@code ConsentWriter}), and nobody else's (R3.4, L8), on the real database (H2, and PostgreSQL in
 * the db suite). One refusal through HTTP: {@code NavigationDataTests}.
 */
class ConsentWithdrawalBatchTests extends RightsTestBase {

    @Autowired NavigationData navigation;
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

    @Test
    @DisplayName("R3.4 L8 the refusals of audience measurement of a whole batch erase each of those consent ids' navigation data, and only theirs")
    void severalWithdrawalsInOneStatement() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID accepting = UUID.randomUUID();
        UUID untouched = UUID.randomUUID();
        for (UUID id : List.of(first, second, accepting, untouched)) {
            event(id, now.minusMinutes(5));
            event(id, now.minusMinutes(1));
        }
        assertThat(navigation.withdrawn(List.of())).isZero();
        List<UUID> batch = new ArrayList<>();
        batch.add(first);
        for (int i = 0; i < 1_500; i++) { // past one statement's 1,000 ids
            batch.add(UUID.randomUUID());
        }
        batch.add(second);
        batch.add(first);
        assertThat(navigation.withdrawn(batch)).isEqualTo(4);
        assertThat(events(first)).isZero();
        assertThat(events(second)).isZero();
        assertThat(events(accepting)).isEqualTo(2);
        assertThat(events(untouched)).isEqualTo(2);
    }
}
