package org.charte.registers;

import java.util.Locale;

/** How pressing an item of the DPO's desk is: past its date, close to it, or simply waiting for the DPO. */
public enum DeskSeverity {
    OVERDUE, NEAR_DUE, TO_DO;

    /** {@code overdue}, {@code near-due}, {@code to-do}: the metric's tag, the page's class, the messages' key. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
