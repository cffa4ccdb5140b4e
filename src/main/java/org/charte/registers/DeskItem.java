package org.charte.registers;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One line of a section of the DPO's desk: what it is, in the reader's language and by name (a
 * request's reference, a rule's label, a company's name: never an internal id), the back-office
 * page where it is dealt with (a path, {@code /backoffice/...}), how pressing it is, the day it is
 * due when it has one, and how many things it stands for (1 for a request; the people or records a
 * retention rule will erase).
 */
public record DeskItem(String label, String link, DeskSeverity severity, @Nullable LocalDate dueOn, long count) {

    public DeskItem {
        if (!link.startsWith("/backoffice")) {
            throw new IllegalArgumentException("a desk item links to a back-office page");
        }
        if (count < 1) {
            throw new IllegalArgumentException("a desk item stands for at least one thing");
        }
    }

    public static DeskItem one(String label, String link, DeskSeverity severity, @Nullable LocalDate dueOn) {
        return new DeskItem(label, link, severity, dueOn, 1);
    }
}
