package org.charte.common;

import java.time.ZoneId;

/**
 * The time zone the law counts days in: deadlines, retention dates and scheduled jobs are
 * reckoned in Europe/Paris (metropolitan France), whatever zone the server runs in.
 */
public final class Zones {

    /** For annotations such as {@code @Scheduled(zone = ...)}, which need a constant string. */
    public static final String PARIS_ID = "Europe/Paris";

    public static final ZoneId PARIS = ZoneId.of(PARIS_ID);

    private Zones() {}
}
