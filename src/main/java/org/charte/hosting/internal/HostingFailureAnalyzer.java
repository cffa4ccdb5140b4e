package org.charte.hosting.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A store outside the allowed locations stops start-up with a readable message, not a stack trace. */
class HostingFailureAnalyzer extends AbstractFailureAnalyzer<HostingConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, HostingConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Declare each store in charte.hosting.stores.ID.location with the location the policy's storage section gives it, "
                        + "among its allowedLocations; or remove the store from the configuration.", cause);
    }
}
