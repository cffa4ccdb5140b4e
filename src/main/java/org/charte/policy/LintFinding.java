package org.charte.policy;

/**
 * One point where the policy file is weaker than the law in force (REQUIREMENTS.md, L-rows).
 *
 * @param law the requirement id (L1 ... L7, L9)
 * @param clause where the policy says it (section of the text and key of the file)
 * @param rule what the law asks and what the policy says instead
 * @param source the legal source
 * @param fix what to change in the policy file
 * @param stricterRule the rule Charte follows instead, whatever the file says
 */
public record LintFinding(String law, String clause, String rule, String source, String fix, String stricterRule) {}
