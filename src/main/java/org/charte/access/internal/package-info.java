/** The access module inside: the decision point and its rules, staff accounts and sign-in, tokens, grants and their tables, pages and API. */
@NullMarked
package org.charte.access.internal;

import org.jspecify.annotations.NullMarked;
