/** The retention engine and its steps, the run lock and log, legal holds, the intermediate archive, pages and API. */
@NullMarked
package org.charte.retention.internal;

import org.jspecify.annotations.NullMarked;
