/** The rights module inside: intake, verification, deadlines, each right's fulfilment, the answers and their links, pages and API. */
@NullMarked
package org.charte.rights.internal;

import org.jspecify.annotations.NullMarked;
