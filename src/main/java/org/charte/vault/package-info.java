/**
 * Per-person encryption: every personal field is sealed with AES-GCM under a data key of its own
 * person, wrapped by the key of a key epoch kept in the keystore outside the database; destroying
 * the person's key makes their data unreadable at once, and once the epoch of the erasure is
 * destroyed (a backup horizon later) no database backup opens it either (crypto-shredding, R8.4).
 * The master key wraps the vault's own keys. Blind indexes find people by e-mail.
 */
@NullMarked
@ApplicationModule(displayName = "Vault")
package org.charte.vault;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
