/**
 * Accountability registers (R6.6, R7.2, R8.6, L6): breaches and their 72-hour clock, disclosures to
 * authorities, transfers, subcontractor assessments, and the DPO's desk.
 */
@NullMarked
@ApplicationModule(displayName = "Registers")
package org.charte.registers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
