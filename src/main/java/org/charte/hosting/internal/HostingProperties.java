package org.charte.hosting.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code charte.hosting.*}: where each data store of hosted databases really is, and how to reach it.
 *
 * @param stores                  per store id of the policy: its declared location (a country code) and,
 *                                optionally, a JDBC URL with an administrator login (default: the platform database)
 * @param defaultStore            the store databases are provisioned in when a subscription starts
 * @param provisionOnSubscription whether a database is provisioned automatically on {@code SubscriptionStarted}
 */
@ConfigurationProperties("charte.hosting")
record HostingProperties(@DefaultValue Map<String, Store> stores, @DefaultValue("hosted-databases") String defaultStore,
        @DefaultValue("true") boolean provisionOnSubscription) {

    record Store(@Nullable String location, @Nullable String url, @Nullable String username, @Nullable String password) {

        @Override
        public String toString() {
            return "Store[" + location + ", " + url + ", password hidden]";
        }
    }
}
