package org.charte.rights;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The open rights requests against their deadlines (R9.7), for whoever watches them from outside
 * the module (the DPO's desk): the rule is the request's clock, applied here, not again there.
 */
public interface OpenRequests {

    /** Where an open request stands against its deadline (its clock's states). */
    enum Standing { ON_TIME, NEAR_DUE, OVERDUE, SUSPENDED }

    /**
     * An open request: its reference (what staff call it), its type's code ({@code access},
     * {@code post-mortem}, ...), the day it is due as things stand, and where it stands.
     */
    record Open(UUID id, String reference, String type, LocalDate receivedOn, LocalDate dueOn, Standing standing) {}

    /** Every open request as of today (Paris), the soonest due first. */
    List<Open> asOfToday();
}
