package org.charte.common;

/**
 * The switch of the bulk paths that load fictitious people and their relationship for benchmarks
 * and load tests ({@code charte generate}). Those paths write past the decision point and the
 * audit log, as the system and not as a person; so they are refused unless the application was
 * started with {@value #PROPERTY}{@code =true}, which only {@code charte generate} (and the
 * benchmarks) set, never a server.
 */
public final class SyntheticData {

    public static final String PROPERTY = "charte.synthetic-data";

    private SyntheticData() {}

    /** Throws unless the application was started for synthetic data. */
    public static void require(boolean enabled, String what) {
        if (!enabled) {
            throw new IllegalStateException(what + " loads synthetic data only, in an application started for it by 'charte generate' ("
                    + PROPERTY + "=true)");
        }
    }
}
