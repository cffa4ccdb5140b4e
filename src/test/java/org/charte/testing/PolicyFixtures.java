package org.charte.testing;

import org.charte.policy.PolicyLoader;

/** The shipped policy file as text, and variants of it with one thing changed. */
public final class PolicyFixtures {

    private PolicyFixtures() {}

    public static String shipped() {
        return PolicyLoader.defaultContent();
    }

    /** The shipped file with one exact passage replaced; fails if the passage is not there once. */
    public static String with(String passage, String replacement) {
        String text = shipped();
        int at = text.indexOf(passage);
        if (at < 0 || text.indexOf(passage, at + 1) >= 0) {
            throw new AssertionError("the passage must appear exactly once in the shipped policy: " + passage);
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
