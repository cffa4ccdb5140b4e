/**
 * Hosted Gestan databases (policy §3.3, §5, §7): one per subscription, provisioned in a data store
 * the policy declares, in an allowed location (R7.1); credentials sealed and revealed only under a
 * grant (R3.3); exported by the client until destroyed 30 days after termination, with a signed
 * destruction certificate (R5.5). The retention run calls {@link HostedDatabaseDestruction}.
 */
@NullMarked
@ApplicationModule(displayName = "Hosting")
package org.charte.hosting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
