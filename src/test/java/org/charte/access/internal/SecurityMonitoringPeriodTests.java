package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.charte.access.Grant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How long a security-monitoring grant lasts, alone: the one rule the ticket's request and the grants both follow. */
class SecurityMonitoringPeriodTests {

    static final Instant REQUESTED = Instant.parse("2026-12-03T09:00:00Z");

    @Test
    @DisplayName("R6.3 a security-monitoring request that names no end lasts 24 hours; one that names an end keeps it")
    void defaultAndAsked() {
        assertThat(SecurityMonitoringPeriod.until(REQUESTED, null)).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
        Instant asked = REQUESTED.plus(Duration.ofHours(6));
        assertThat(SecurityMonitoringPeriod.until(REQUESTED, asked)).isEqualTo(asked);
    }

    @Test
    @DisplayName("R6.3 the longest a security-monitoring grant may last is 7 days, the maximum the grants apply to that kind")
    void maximum() {
        assertThat(SecurityMonitoringPeriod.MAXIMUM).isEqualTo(Duration.ofDays(7));
        assertThat(JdbcGrants.MAXIMUM.get(Grant.Kind.SECURITY_MONITORING)).isSameAs(SecurityMonitoringPeriod.MAXIMUM);
        assertThat(SecurityMonitoringPeriod.DEFAULT).isLessThan(SecurityMonitoringPeriod.MAXIMUM);
    }
}
