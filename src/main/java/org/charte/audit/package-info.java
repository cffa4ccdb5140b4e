/**
 * The append-only, hash-chained log of every access to personal data (R6.5): who, what, for
 * which purpose, allowed or denied; its verification and export. Entries hold ids, purposes,
 * categories and codes, never personal data.
 */
@NullMarked
@ApplicationModule(displayName = "Audit")
package org.charte.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
