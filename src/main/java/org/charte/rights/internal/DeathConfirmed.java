package org.charte.rights.internal;

import java.util.UUID;

/**
 * The DPO confirmed a death after checking its evidence (R9.4): the person's directives may now be
 * carried out. Published and handled within the rights module, after the confirmation commits.
 *
 * @param confirmedBy the DPO's typed id, named in the audit entries of what is carried out
 */
public record DeathConfirmed(UUID checkId, UUID subjectId, String confirmedBy) {}
