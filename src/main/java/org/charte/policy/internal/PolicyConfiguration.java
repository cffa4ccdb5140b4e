package org.charte.policy.internal;

import java.nio.file.Path;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    /**
     * The policy file named by {@code charte.policy.file}, or the Gestan Cloud v1.3 policy Charte
     * ships (PolicyLoader.DEFAULT_RESOURCE). A broken file stops start-up with the validator's message (see PolicyFailureAnalyzer).
     */
    @Bean
    PolicySource policySource(@Value("${charte.policy.file:}") String file) {
        if (file.isBlank()) {
            return new PolicySource(PolicyLoader.DEFAULT_RESOURCE, PolicyLoader.defaultContent());
        }
        return PolicySource.read(Path.of(file));
    }

    @Bean
    Policy policy(PolicySource source) {
        return PolicyLoader.parse(source.name(), source.content());
    }
}
