/**
 * Per-person encryption: every personal field is sealed with AES-GCM under a data key of its own
 * person, wrapped by the master key; destroying the person's key makes every copy of their data
 * unreadable, backups included (crypto-shredding, R8.4). Blind indexes find people by e-mail.
 */
@NullMarked
@ApplicationModule(displayName = "Vault")
package org.charte.vault;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
