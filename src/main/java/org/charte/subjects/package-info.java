/**
 * The people whose data Charte keeps (prospects, active and inactive clients), each person's
 * data sealed by the vault under their own key, validated on entry (R3.1), screened for sensitive
 * data (R3.6), and their lifecycle; the adult check (R3.5).
 */
@NullMarked
@ApplicationModule(displayName = "Subjects")
package org.charte.subjects;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
