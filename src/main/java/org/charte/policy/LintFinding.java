package org.charte.policy;

import java.util.List;

/**
 * One point where the policy file is weaker than the law in force (REQUIREMENTS.md, L-rows).
 * The texts are in English (the command line prints them); a page words the same finding in its
 * own language from the bundles (L10): {@code <key>.clause}, {@code .rule}, {@code .source},
 * {@code .fix} and {@code .stricter}, each given {0} the finding's gaps joined and {1}... its
 * arguments.
 *
 * @param law the requirement id (L1 ... L7, L9)
 * @param clause where the policy says it (section of the text and key of the file)
 * @param rule what the law asks and what the policy says instead
 * @param source the legal source
 * @param fix what to change in the policy file
 * @param stricterRule the rule Charte follows instead, whatever the file says
 * @param key the finding's message key prefix, e.g. {@code lint.l1}
 * @param gaps what the policy misses, each as a message key with its arguments (empty for a finding without a list)
 * @param arguments the finding's parameters: codes and ids of the file, or {@link java.time.Period}s a page words in its language
 */
public record LintFinding(String law, String clause, String rule, String source, String fix, String stricterRule,
        String key, List<Gap> gaps, List<Object> arguments) {

    /** One thing the policy misses, as a message key and its arguments (codes). */
    public record Gap(String key, List<Object> arguments) {

        public Gap {
            arguments = List.copyOf(arguments);
        }
    }

    public LintFinding {
        gaps = List.copyOf(gaps);
        arguments = List.copyOf(arguments);
    }
}
