package org.charte.registers.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The desk's counts as meters, {@code charte_desk_items{section, severity}} at
 * {@code /actuator/prometheus}: one gauge per section and severity, the same numbers as the page.
 * A scrape reads every gauge in turn: the desk is read once for them all (kept {@link #FRESH}).
 * Only in the web application, where they are scraped: a command of the command line, which starts
 * only the beans it needs, must not build the desk (and the vault and rights beans behind it).
 */
@Component
@ConditionalOnWebApplication
class DeskMetrics implements MeterBinder {

    static final String NAME = "charte.desk.items";
    /** Long enough for one scrape to read every gauge from one reading of the desk; short enough to be current. */
    static final Duration FRESH = Duration.ofSeconds(2);

    private final Desk desk;
    private final Clock clock;
    private @Nullable Map<String, Map<DeskSeverity, Long>> counts;
    private Instant readAt = Instant.MIN;

    DeskMetrics(Desk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DeskSection section : desk.sections()) {
            for (DeskSeverity severity : DeskSeverity.values()) {
                Gauge.builder(NAME, this, m -> m.count(section.key(), severity))
                        .description("Things due on the DPO's desk, per section and severity")
                        .tag("section", section.key()).tag("severity", severity.code())
                        .register(registry);
            }
        }
    }

    private synchronized double count(String section, DeskSeverity severity) {
        Instant now = clock.instant();
        if (counts == null || now.isAfter(readAt.plus(FRESH)) || now.isBefore(readAt)) {
            counts = desk.counts();
            readAt = now;
        }
        return counts.getOrDefault(section, Map.of()).getOrDefault(severity, 0L);
    }
}
