package org.charte.cookies;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The company's sites that may load {@code consent.js} and record choices from their own pages
 * (CORS): the policy's website (the controller's, §2) and the origins the configuration adds
 * ({@code charte.cookies.allowed-origins}, comma-separated). An origin is {@code scheme://host[:port]},
 * lower-cased, without path; anything else in the list is dropped. Every other origin is refused.
 */
public record AllowedOrigins(List<String> origins) {

    public AllowedOrigins {
        origins = List.copyOf(origins);
    }

    public static AllowedOrigins of(String policyWebsite, String configured) {
        List<String> origins = new ArrayList<>();
        origin(policyWebsite).ifPresent(origins::add);
        for (String item : configured.split(",")) {
            origin(item).filter(o -> !origins.contains(o)).ifPresent(origins::add);
        }
        return new AllowedOrigins(origins);
    }

    /** The origin of an address ({@code https://www.example.org/path} gives {@code https://www.example.org}), if it is a web address. */
    static Optional<String> origin(String address) {
        String trimmed = address.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean allows(String origin) {
        return origins.contains(origin);
    }

    /**
     * Whether a choice or a page view naming {@code site} may have come from the page that sent it: a
     * browser names the sending page's origin in its {@code Origin} header, so a page of one site cannot
     * record in another site's name; a request without that header (a server, a command line) is
     * taken at its word, the site being checked for shape elsewhere.
     */
    public static boolean sentFrom(String site, @Nullable String originHeader) {
        if (originHeader == null) {
            return true;
        }
        return origin(originHeader).map(o -> o.equals(origin(site).orElse(null))).orElse(false);
    }
}
