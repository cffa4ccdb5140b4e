/**
 * The commercial relationship (policy §3.2, §4.1): client accounts, subscriptions to Gestan Cloud
 * plans, orders and deliveries, invoices and payments, unpaid invoices and litigation.
 */
@NullMarked
@ApplicationModule(displayName = "Commerce")
package org.charte.commerce;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
