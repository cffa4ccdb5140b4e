package org.charte.registers.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.charte.common.Zones;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.springframework.stereotype.Component;

/**
 * Breaches whose 72-hour clock runs (L6): not yet notified to the CNIL nor assessed as without risk,
 * the soonest due first; overdue and near due as {@link BreachClock} says.
 */
@Component
class DeskBreachClocks implements DeskSection {

    private final BreachRegister breaches;
    private final DeskLabels labels;
    private final Clock clock;

    DeskBreachClocks(BreachRegister breaches, DeskLabels labels, Clock clock) {
        this.breaches = breaches;
        this.labels = labels;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "breach-clocks";
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public String link() {
        return BreachPages.BASE;
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        Instant now = clock.instant();
        return breaches.latest().stream().filter(b -> !b.clockStopped()).sorted(Comparator.comparing(b -> b.clock().dueAt())).map(b -> {
            DeskSeverity severity = switch (b.state(now)) {
                case OVERDUE -> DeskSeverity.OVERDUE;
                case NEAR_DUE -> DeskSeverity.NEAR_DUE;
                default -> DeskSeverity.TO_DO;
            };
            LocalDateTime due = LocalDateTime.ofInstant(b.clock().dueAt(), Zones.PARIS);
            return DeskItem.one(labels.text("desk.item.breach", locale, b.title(), labels.date(due.toLocalDate(), locale),
                    String.format("%02d:%02d", due.getHour(), due.getMinute())), BreachPages.BASE + "/" + b.id(), severity, due.toLocalDate());
        }).toList();
    }
}
