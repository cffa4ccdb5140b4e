/** The audit module inside: the hash chain, its writer, verifier and append-only guard, the audit pages and API. */
@NullMarked
package org.charte.audit.internal;

import org.jspecify.annotations.NullMarked;
