package org.charte.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The other language's address of the page being shown, for the layout's language link: the
 * public texts and the privacy centre have an English address of their own, every other page takes
 * {@code ?lang=}. The query string goes along (L10): the right chosen on the privacy centre's form,
 * a search, a page number stay; the layout's small script carries what was typed into a form.
 */
@ControllerAdvice(annotations = PageController.class)
class LanguageSwitch {

    static final Map<String, String> COUNTERPARTS = Map.of(
            "/politique-de-confidentialite", "/en/privacy-policy",
            "/en/privacy-policy", "/politique-de-confidentialite",
            "/registre-des-traitements", "/en/record-of-processing-activities",
            "/en/record-of-processing-activities", "/registre-des-traitements",
            "/", "/en",
            "/en", "/",
            "/mes-droits", "/en/my-rights",
            "/en/my-rights", "/mes-droits");

    /** Addresses whose start differs by language (the privacy centre's pages and the answers' downloads). */
    static final List<Map.Entry<String, String>> COUNTERPART_PREFIXES = List.of(
            Map.entry("/mes-droits/demande", "/en/my-rights/request"),
            Map.entry("/mes-droits/verification/", "/en/my-rights/verification/"),
            Map.entry("/telechargement/", "/en/download/"),
            Map.entry("/mes-choix-cookies", "/en/my-cookie-choices"));

    /** At most this much of a query string goes along: a longer one is not a link anyone follows. */
    static final int QUERY_KEPT = 2_000;

    @ModelAttribute("switchTo")
    @Nullable String switchTo(HttpServletRequest request, Locale locale) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/error")) {
            return null;
        }
        return otherLanguage(path, request.getQueryString(), "en".equals(locale.getLanguage()));
    }

    /** The address of the same page in the other language, its query string kept (but for {@code lang}). */
    static String otherLanguage(String path, @Nullable String query, boolean english) {
        List<String> kept = new ArrayList<>();
        if (query != null && query.length() <= QUERY_KEPT) {
            for (String pair : query.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!pair.isEmpty() && !name.equals("lang")) {
                    kept.add(pair);
                }
            }
        }
        String counterpart = counterpart(path);
        if (counterpart == null) {
            counterpart = path;
            kept.add("lang=" + URLEncoder.encode(english ? "fr" : "en", StandardCharsets.UTF_8));
        }
        return kept.isEmpty() ? counterpart : counterpart + "?" + String.join("&", kept);
    }

    private static @Nullable String counterpart(String path) {
        String whole = COUNTERPARTS.get(path);
        if (whole != null) {
            return whole;
        }
        for (Map.Entry<String, String> prefixes : COUNTERPART_PREFIXES) {
            if (path.startsWith(prefixes.getKey())) {
                return prefixes.getValue() + path.substring(prefixes.getKey().length());
            }
            if (path.startsWith(prefixes.getValue())) {
                return prefixes.getKey() + path.substring(prefixes.getValue().length());
            }
        }
        return null;
    }
}
