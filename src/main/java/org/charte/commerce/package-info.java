/**
 * The commercial relationship (policy §3.2, §4.1): client accounts, subscriptions to Gestan Cloud
 * plans and the end of fixed-term contracts, orders and deliveries, invoices and payments (the card
 * reference only, R5.4), unpaid invoices and litigation. Its events start a hosted database and place
 * or release legal holds; retention erases its rows through {@code CommerceRetention}.
 */
@NullMarked
@ApplicationModule(displayName = "Commerce")
package org.charte.commerce;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
