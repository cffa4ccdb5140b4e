package org.charte.rights.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The lines of "who accessed your data" (R9.1, R6.5): one per audit entry, except that the
 * person's own reading of their file for a request (one entry per module read: identity,
 * relationship, tickets, marketing choices...) is one line, with every category it reached. Entries
 * are the person's own when their actor is the person; they belong to one reading when they follow
 * each other, for the same purpose and action, with the same outcome, within {@link #ONE_READING}.
 */
final class AccessReportLines {

    /** Entries of the person further apart than this are two readings (two requests), not one. */
    static final Duration ONE_READING = Duration.ofMinutes(10);

    /** A line: {@code entries} is how many audit entries it stands for (1 but for the person's own readings). */
    record Line(Instant at, String actor, String action, @Nullable String purpose, List<String> categories, boolean allowed, int entries) {

        boolean own() {
            return entries > 1 || actor.startsWith("subject:");
        }
    }

    private AccessReportLines() {}

    /**
     * The lines of a person's audit entries, newest first as given. Another actor's entry written in the
     * middle of the person's reading (a mail leaving for them, a staff member's action) is a line of its
     * own and does not split the reading.
     */
    static List<Line> of(UUID subjectId, List<AuditEntry> entries) {
        String person = "subject:" + subjectId;
        List<Line> lines = new ArrayList<>();
        Line open = null;
        int openAt = -1;
        Set<String> categories = new LinkedHashSet<>();
        Instant first = null;
        for (AuditEntry entry : entries) {
            var event = entry.event();
            boolean allowed = event.outcome() == AuditOutcome.ALLOWED;
            boolean own = event.actor().equals(person);
            if (own && open != null && event.action().equals(open.action())
                    && Objects.equals(event.purpose(), open.purpose()) && allowed == open.allowed()
                    && Duration.between(entry.at(), first).compareTo(ONE_READING) <= 0) {
                categories.addAll(event.categories());
                open = new Line(open.at(), open.actor(), open.action(), open.purpose(), List.copyOf(categories), allowed, open.entries() + 1);
                lines.set(openAt, open);
                continue;
            }
            Line line = new Line(entry.at(), event.actor(), event.action(), event.purpose(), event.categories(), allowed, 1);
            lines.add(line);
            if (own) {
                categories = new LinkedHashSet<>(event.categories());
                first = entry.at();
                open = line;
                openAt = lines.size() - 1;
            }
        }
        return lines;
    }
}
