package org.charte.hosting.internal;

import org.charte.commerce.ContractTerminated;
import org.charte.commerce.SubscriptionStarted;
import org.charte.common.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * What commerce tells hosting, through the event publication registry (nothing lost on a crash):
 * a subscription started, so its database is provisioned in the default store; a contract was
 * terminated, so the database's destruction is scheduled.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HostingProperties.class)
class HostingEvents {

    private static final Logger LOG = LoggerFactory.getLogger(HostingEvents.class);

    private final JdbcHostedDatabases databases;
    private final Stores stores;

    HostingEvents(JdbcHostedDatabases databases, Stores stores) {
        this.databases = databases;
        this.stores = stores;
    }

    @ApplicationModuleListener
    void on(SubscriptionStarted event) {
        if (!stores.provisionOnSubscription()) {
            return;
        }
        try {
            databases.provision(null, event.subscriptionId(), stores.defaultStore());
        } catch (InvalidInputException refused) {
            // Already provisioned (by staff), terminated meanwhile, or the default store refused: nothing to retry.
            LOG.warn("no hosted database provisioned for subscription {}: {}", event.subscriptionId(), refused.getMessage());
        }
    }

    @ApplicationModuleListener
    void on(ContractTerminated event) {
        databases.terminated(event.subscriptionId(), event.terminatedOn());
    }
}
