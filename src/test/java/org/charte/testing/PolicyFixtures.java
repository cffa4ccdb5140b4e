package org.charte.testing;

import org.charte.policy.PolicyLoader;

/** The shipped policy file as text, and variants of it with one thing changed. */
public final class PolicyFixtures {

    private PolicyFixtures() {}

    /** The policy Charte runs by default: Gestan Cloud v1.3. */
    public static String shipped() {
        return PolicyLoader.defaultContent();
    }

    /** Gestan Cloud v1.2 as published, gaps included (what the lint's findings are about). */
    public static String v12() {
        return PolicyLoader.shippedContent(PolicyLoader.V1_2_RESOURCE);
    }

    /** v1.2 with one exact passage replaced; fails if the passage is not there once. */
    public static String v12With(String passage, String replacement) {
        return replaced(v12(), passage, replacement, "v1.2");
    }

    /** The shipped file with one exact passage replaced; fails if the passage is not there once. */
    public static String with(String passage, String replacement) {
        return replaced(shipped(), passage, replacement, "shipped");
    }

    private static String replaced(String text, String passage, String replacement, String which) {
        int at = text.indexOf(passage);
        if (at < 0 || text.indexOf(passage, at + 1) >= 0) {
            throw new AssertionError("the passage must appear exactly once in the " + which + " policy: " + passage);
        }
        return text.substring(0, at) + replacement + text.substring(at + passage.length());
    }

    /** The 1-based line of the first occurrence of a passage in a text. */
    public static int lineOf(String text, String passage) {
        int at = text.indexOf(passage);
        if (at < 0) {
            throw new AssertionError("not found: " + passage);
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
