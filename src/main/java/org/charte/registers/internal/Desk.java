package org.charte.registers.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.charte.common.Zones;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.springframework.stereotype.Service;

/**
 * The DPO's desk: every {@link DeskSection} in its order, what each has due as of today (Paris).
 * The page, the meters and the weekly digest all read it, so they cannot disagree.
 */
@Service
public class Desk {

    /** A section as read today: its items and, per severity, how many things they stand for. */
    public record Section(String key, String link, List<DeskItem> items, Map<DeskSeverity, Long> counts) {

        public long overdue() {
            return count(DeskSeverity.OVERDUE);
        }

        public long nearDue() {
            return count(DeskSeverity.NEAR_DUE);
        }

        public long toDo() {
            return count(DeskSeverity.TO_DO);
        }

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public long count(DeskSeverity severity) {
            return counts.getOrDefault(severity, 0L);
        }

        public String worst() {
            for (DeskSeverity severity : DeskSeverity.values()) {
                if (count(severity) > 0) {
                    return severity.code();
                }
            }
            return "none";
        }
    }

    public record View(LocalDate today, List<Section> sections) {

        public long count(DeskSeverity severity) {
            return sections.stream().mapToLong(s -> s.count(severity)).sum();
        }
    }

    private final List<DeskSection> sections;
    private final Clock clock;

    Desk(List<DeskSection> sections, Clock clock) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(DeskSection::order).thenComparing(DeskSection::key)).toList();
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    List<DeskSection> sections() {
        return sections;
    }

    View read(Locale locale) {
        LocalDate today = today();
        return new View(today, sections.stream().map(s -> section(s, today, locale)).toList());
    }

    static Section section(DeskSection section, LocalDate today, Locale locale) {
        List<DeskItem> items = section.items(today, locale);
        Map<DeskSeverity, Long> counts = new EnumMap<>(DeskSeverity.class);
        for (DeskSeverity severity : DeskSeverity.values()) {
            counts.put(severity, items.stream().filter(i -> i.severity() == severity).mapToLong(DeskItem::count).sum());
        }
        return new Section(section.key(), section.link(), items, counts);
    }

    /** Per section key, the counts per severity: what the meters show. */
    Map<String, Map<DeskSeverity, Long>> counts() {
        Map<String, Map<DeskSeverity, Long>> counts = new LinkedHashMap<>();
        read(Locale.FRENCH).sections().forEach(s -> counts.put(s.key(), s.counts()));
        return counts;
    }
}
