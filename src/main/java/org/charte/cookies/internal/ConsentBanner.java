package org.charte.cookies.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.charte.cookies.BannerVersion;
import org.charte.cookies.ChoiceMethod;
import org.charte.cookies.ChoiceLifetime;
import org.charte.cookies.PageView;
import org.charte.cookies.PrivacySignals;
import org.charte.policy.Policy;
import org.charte.policy.Policy.CookiePurpose;
import org.charte.policy.PolicyView;
import org.charte.policy.Text;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the banner shows, from the policy's cookie purposes and the messages (R4.4, R9.11): its texts
 * in French and English, each consent purpose with its label, description, lifetime and cookies, and
 * the functional cookies set without consent. Its canonical JSON gives the {@link BannerVersion}; the
 * configuration handed to {@code consent.js} adds the server's time and the choice cookie's lifetimes
 * (which depend on the day, not on the banner).
 */
@Component
class ConsentBanner {

    static final List<String> TEXTS = List.of("title", "text", "accept", "refuse", "customize", "save", "close", "manage",
            "policy", "purposes", "functional", "lifetime", "provider", "first", "third", "signal", "session", "on", "off", "embed", "load", "essential", "done", "proof");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Policy policy;
    private final ChoiceLifetime lifetime;
    private final String content;
    private final BannerVersion version;
    private final List<String> purposes;
    private final Clock clock;
    private final PrivacySignals signals;

    ConsentBanner(Policy policy, MessageSource messages, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.lifetime = ChoiceLifetime.of(policy);
        this.signals = new PrivacySignals(policy.cookies().doNotTrackHonoured());
        this.purposes = policy.cookies().purposes().stream().filter(CookiePurpose::consentRequired).map(CookiePurpose::id).toList();
        Map<String, Object> banner = new LinkedHashMap<>();
        Map<String, Object> texts = new LinkedHashMap<>();
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            Map<String, String> in = new LinkedHashMap<>();
            for (String key : TEXTS) {
                in.put(key, messages.getMessage("cookies.banner." + key, null, locale));
            }
            texts.put(locale.getLanguage(), in);
        }
        banner.put("t", texts);
        banner.put("policy", Map.of("fr", "/politique-de-confidentialite#cookie-list", "en", "/en/privacy-policy#cookie-list"));
        banner.put("proof", Map.of("fr", ConsentProofPages.FRENCH + "/", "en", ConsentProofPages.ENGLISH + "/"));
        banner.put("dnt", policy.cookies().doNotTrackHonoured());
        List<Object> list = new ArrayList<>();
        List<Object> functional = new ArrayList<>();
        for (CookiePurpose purpose : policy.cookies().purposes()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", purpose.id());
            p.put("l", both(purpose.label()));
            p.put("d", Map.of("fr", items(purpose, Locale.FRENCH), "en", items(purpose, Locale.ENGLISH)));
            if (purpose.maxAge() != null) {
                p.put("a", Map.of("fr", new PolicyView(policy, Locale.FRENCH).duration(purpose.maxAge()),
                        "en", new PolicyView(policy, Locale.ENGLISH).duration(purpose.maxAge())));
            }
            List<Object> cookies = new ArrayList<>();
            for (Policy.Cookie c : purpose.cookies()) {
                Map<String, Object> cookie = new LinkedHashMap<>();
                cookie.put("n", c.name());
                cookie.put("by", c.provider());
                cookie.put("x", c.party() == Policy.CookieParty.THIRD ? 1 : 0);
                cookies.add(cookie);
            }
            p.put("c", cookies);
            List<String> networks = networks(policy, purpose);
            if (!networks.isEmpty()) {
                p.put("s", networks);
            }
            (purpose.consentRequired() ? list : functional).add(p);
        }
        banner.put("p", list);
        banner.put("f", functional);
        this.content = JSON.writeValueAsString(banner);
        this.version = BannerVersion.of(content);
    }

    /**
     * R7.2: the social networks a cookie purpose hands data to, when its policy purpose names a
     * social-network recipient: the providers of its third-party cookies, which the placeholder
     * names when a page's embed says no {@code data-network} of its own.
     */
    static List<String> networks(Policy policy, CookiePurpose purpose) {
        boolean social = policy.purposes().stream().filter(p -> p.id().equals(purpose.purpose()))
                .flatMap(p -> p.recipients().stream())
                .anyMatch(r -> policy.recipients().stream().anyMatch(x -> x.id().equals(r) && x.type() == Policy.RecipientType.SOCIAL_NETWORK));
        if (!social) {
            return List.of();
        }
        return purpose.cookies().stream().filter(c -> c.party() == Policy.CookieParty.THIRD).map(Policy.Cookie::provider).distinct().toList();
    }

    private static Map<String, String> both(Text text) {
        Map<String, String> both = new LinkedHashMap<>();
        both.put("fr", text.fr());
        both.put("en", text.en());
        return both;
    }

    private static String items(CookiePurpose purpose, Locale locale) {
        return String.join(" ; ", purpose.items().stream().map(t -> t.in(locale)).toList());
    }

    BannerVersion version() {
        return version;
    }

    /** The banner's canonical content: what its version is the hash of. */
    String content() {
        return content;
    }

    /** The consent purposes the banner asks about, in the policy's order. */
    List<String> purposes() {
        return purposes;
    }

    ChoiceLifetime lifetime() {
        return lifetime;
    }

    /** The browser signals that refuse every purpose, as the policy honours them (one reading for the script and the proofs). */
    PrivacySignals signals() {
        return signals;
    }

    Policy policy() {
        return policy;
    }

    /**
     * The script's configuration: version, the server's time, the choice cookie's lifetime and re-ask delay from now, the
     * consent purpose of audience measurement (for the beacon), the refusing signal the script's request carried if any
     * (its headers: the page's script may not see it), the banner.
     */
    String configuration(@Nullable ChoiceMethod signal) {
        Instant now = clock.instant();
        long expires = Duration.between(now, lifetime.expiresAt(now)).toSeconds();
        long reask = Duration.between(now, lifetime.reaskAt(now)).toSeconds();
        return "{\"v\":\"" + version + "\",\"now\":" + now.toEpochMilli() + ",\"exp\":" + expires + ",\"reask\":" + reask
                + ",\"name\":\"" + lifetime.cookieName() + "\"" + (purposes.contains(PageView.AUDIENCE_PURPOSE) ? ",\"aud\":\"" + PageView.AUDIENCE_PURPOSE + "\"" : "")
                + (signal == null ? "" : ",\"sig\":\"" + signal.code() + "\"") + ",\"b\":" + content + "}";
    }
}
