package org.charte.cookies;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The browser family a proof keeps (L3): coarse on purpose, from the User-Agent, which is never
 * stored itself (with the IP address it would single a person out). Version, system and device are
 * dropped here.
 */
public enum BrowserFamily {
    EDGE, OPERA, SAMSUNG, FIREFOX, CHROME, SAFARI, BOT, OTHER;

    public static BrowserFamily of(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return OTHER;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("bot") || ua.contains("crawler") || ua.contains("spider")) {
            return BOT;
        }
        if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) {
            return EDGE;
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return OPERA;
        }
        if (ua.contains("samsungbrowser/")) {
            return SAMSUNG;
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return FIREFOX;
        }
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
            return CHROME;
        }
        if (ua.contains("safari/") && ua.contains("version/")) {
            return SAFARI;
        }
        return OTHER;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
