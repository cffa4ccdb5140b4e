/** The marketing module's rows, service, suppression list, API, pages and jobs. */
@NullMarked
package org.charte.marketing.internal;

import org.jspecify.annotations.NullMarked;
