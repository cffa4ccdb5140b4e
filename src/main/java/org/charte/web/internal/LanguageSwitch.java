package org.charte.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The other language's address of the page being shown, for the layout's language link: the
 * public texts have an English address of their own, every other page takes {@code ?lang=}.
 */
@ControllerAdvice(annotations = Controller.class)
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

    @ModelAttribute("switchTo")
    @Nullable String switchTo(HttpServletRequest request, Locale locale) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/error")) {
            return null;
        }
        String counterpart = COUNTERPARTS.get(path);
        if (counterpart != null) {
            return counterpart;
        }
        return path + ("en".equals(locale.getLanguage()) ? "?lang=fr" : "?lang=en");
    }
}
