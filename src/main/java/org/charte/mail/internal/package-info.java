/** The outbox table, its sending and retries, and the demo outbox page. */
@NullMarked
package org.charte.mail.internal;

import org.jspecify.annotations.NullMarked;
