/** The support module inside: tickets and messages in their tables, message screening, retention, API and URL rules. */
@NullMarked
package org.charte.support.internal;

import org.jspecify.annotations.NullMarked;
