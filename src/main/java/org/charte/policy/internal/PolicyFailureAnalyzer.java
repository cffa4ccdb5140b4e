package org.charte.policy.internal;

import org.charte.policy.InvalidPolicyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A broken policy file stops start-up with the validator's message, not a stack trace. */
class PolicyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPolicyException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidPolicyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the policy file (see docs/policy-format.md) and check it with: ./charte policy check FILE", cause);
    }
}
