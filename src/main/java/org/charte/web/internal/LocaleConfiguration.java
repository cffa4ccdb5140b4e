package org.charte.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    static final Locale FRENCH = Locale.FRENCH;

    /**
     * French by default; English under {@code /en/} and wherever {@code ?lang=en} asks for it.
     * No cookie: the language is in the address, so choosing it needs no consent.
     */
    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.equals("/en") || path.startsWith("/en/")) {
                    return Locale.ENGLISH;
                }
                String lang = request.getParameter("lang");
                return "en".equals(lang) ? Locale.ENGLISH : FRENCH;
            }

            @Override
            public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
                throw new UnsupportedOperationException("the language is chosen by the address");
            }
        };
    }
}
