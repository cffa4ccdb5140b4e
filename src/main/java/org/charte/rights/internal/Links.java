package org.charte.rights.internal;

import org.charte.rights.RightsRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The addresses mails point to: {@code charte.public-url} when set (what a server behind a proxy
 * must set), otherwise the address the current request came to.
 */
@Component
class Links {

    private final String publicUrl;

    Links(@Value("${charte.public-url:}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String base() {
        if (!publicUrl.isBlank()) {
            return publicUrl;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        return "http://localhost:8080";
    }

    static boolean english(RightsRequest request) {
        return "en".equals(request.language());
    }

    String verification(RightsRequest request) {
        return base() + (english(request) ? "/en/my-rights/verification/" : "/mes-droits/verification/") + request.id();
    }

    String download(RightsRequest request, String token) {
        return base() + (english(request) ? "/en/download/" : "/telechargement/") + token;
    }
}
