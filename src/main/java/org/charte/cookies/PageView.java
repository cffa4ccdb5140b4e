package org.charte.cookies;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One page view from consent.js's first-party beacon, and what each mode keeps of it (R3.4, L8), in
 * one place. Whatever the mode, the page is a path without query or fragment, a view whose referrer
 * is another site (or none) starts a visit (it is an entry page), and the visitor is the day's salted
 * hash, never sent anywhere.
 * <ul>
 * <li>{@link Exempt}, audience measurement exempt from consent: no IP address (at most the country,
 * derived from a truncated address, then dropped), the referrer's host only when it is another site,
 * the browser and system names without versions.</li>
 * <li>{@link Consented}, with consent to audience measurement: what the policy lists, no more: the IP
 * address, operating system, browser and their versions, date and time, referrer (without query),
 * page, under the consent id (erased when that consent is withdrawn).</li>
 * </ul>
 */
public record PageView(Instant at, LocalDate day, String site, String page, @Nullable String referrer, String visitor,
        @Nullable String country, Agent agent, @Nullable String ipAddress, @Nullable UUID consentId) {

    /** The policy's consent purpose (its id in the cookie purposes) whose acceptance allows the consented mode. */
    public static final String AUDIENCE_PURPOSE = "audience";

    /** The most characters a kept page or referrer holds. */
    public static final int MAX_TEXT = 512;

    /** Browser and system as parsed from the User-Agent (Yauaa); {@code Unknown} when it says nothing. */
    public record Agent(String browser, String browserVersion, String system, String systemVersion) {}

    /** What exempt measurement keeps. */
    public record Exempt(LocalDate day, Instant at, String site, String page, @Nullable String referrerHost, boolean entry, String visitor,
            @Nullable String country, String browser, String system) {}

    /** What measurement with consent keeps. */
    public record Consented(LocalDate day, Instant at, UUID consentId, String site, String page, @Nullable String referrer, boolean entry,
            String ipAddress, String browser, String browserVersion, String system, String systemVersion) {}

    /** The page's path: no query, no fragment (they may carry what a person typed), at most {@link #MAX_TEXT} characters. */
    public static String path(String page) {
        String path = page;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        return path.isEmpty() ? "/" : clip(path);
    }

    /** The referrer without query or fragment, null when absent or not an http(s) address. */
    public static @Nullable String referrer(@Nullable String referrer) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        String host = host(referrer);
        if (host == null) {
            return null;
        }
        int cut = indexOfAny(referrer, '?', '#');
        return clip(cut >= 0 ? referrer.substring(0, cut) : referrer);
    }

    /** An http(s) address's host, lower case; null otherwise. */
    public static @Nullable String host(@Nullable String address) {
        if (address == null) {
            return null;
        }
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                return null;
            }
            return uri.getHost().toLowerCase(Locale.ROOT);
        } catch (Exception malformed) {
            return null;
        }
    }

    /** A view whose referrer is not this site (or is absent) starts a visit. */
    public boolean entry() {
        return entry(host(referrer));
    }

    private boolean entry(@Nullable String from) {
        return from == null || !from.equals(host(site));
    }

    /** The consented form, when this view came with a consent to audience measurement on record. */
    public @Nullable Consented consented() {
        if (consentId == null || ipAddress == null) {
            return null;
        }
        return new Consented(day, at, consentId, site, page, referrer, entry(), ipAddress, agent.browser(), agent.browserVersion(),
                agent.system(), agent.systemVersion());
    }

    /** The exempt form: what is kept without consent. */
    public Exempt exempt() {
        String from = host(referrer);
        boolean entry = entry(from);
        return new Exempt(day, at, site, page, entry ? from : null, entry, visitor, country, agent.browser(), agent.system());
    }

    /** The same view without its consented fields (no consent on record for its id). */
    public PageView withoutConsent() {
        return new PageView(at, day, site, page, referrer, visitor, country, agent, null, null);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
