package org.charte.hosting.internal;

import java.util.List;

/** A data store configured against the policy (R7.1): start-up stops with each problem on a line. */
class HostingConfigurationException extends RuntimeException {

    HostingConfigurationException(List<String> problems) {
        super("Hosted database stores refused (R7.1):\n  " + String.join("\n  ", problems));
    }
}
