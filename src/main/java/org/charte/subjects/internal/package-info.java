/** The subjects module inside: sealed person records, their rules and screening, rectifications, post-mortem directives, pages and API. */
@NullMarked
package org.charte.subjects.internal;

import org.jspecify.annotations.NullMarked;
