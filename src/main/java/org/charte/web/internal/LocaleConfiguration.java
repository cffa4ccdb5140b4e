package org.charte.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    static final Locale FRENCH = Locale.FRENCH;
    static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH);

    /**
     * Pages a person reaches from a link in a message we sent (the unsubscribe link of a marketing mail
     * and the preferences it opens, L5): their address carries no language, so without {@code ?lang=}
     * the browser's {@code Accept-Language} chooses.
     */
    static final List<String> BROWSER_LANGUAGE_PATHS = List.of("/u/");

    /**
     * French by default; English under {@code /en/} and wherever {@code ?lang=en} asks for it; on the
     * pages of {@link #BROWSER_LANGUAGE_PATHS} without {@code ?lang=}, the browser's language (French
     * or English, French when it asks for neither). No cookie: choosing the language needs no consent.
     */
    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                // an error page (its own dispatch, to /error) speaks the language of the address that failed
                String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed ? failed : request.getRequestURI();
                String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
                if (path.equals("/en") || path.startsWith("/en/")) {
                    return Locale.ENGLISH;
                }
                String lang = request.getParameter("lang");
                if (lang == null && BROWSER_LANGUAGE_PATHS.stream().anyMatch(path::startsWith)) {
                    return browserLanguage(request.getHeader("Accept-Language"));
                }
                return "en".equals(lang) ? Locale.ENGLISH : FRENCH;
            }

            @Override
            public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
                throw new UnsupportedOperationException("the language is chosen by the address");
            }
        };
    }

    /** The first of French and English the header prefers; French when it names neither or cannot be read. */
    static Locale browserLanguage(@Nullable String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1_000) {
            return FRENCH;
        }
        try {
            Locale found = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return found == null ? FRENCH : found;
        } catch (IllegalArgumentException e) {
            return FRENCH;
        }
    }
}
