/** The vault inside: AES-GCM sealing, the keystore, master and epoch keys, their rotation and the sealed rows. */
@NullMarked
package org.charte.vault.internal;

import org.jspecify.annotations.NullMarked;
