package org.charte.rights.internal;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The addresses mails point to: {@code charte.public-url}, the address people reach Charte at
 * ({@code ./charte serve} refuses to start without it; the demo derives it from its port). Only
 * where it is not set (an embedded test) does a mail sent while answering a web request use the
 * address that request came to; a mail sent outside any request (a death notice carried out in the
 * background) then fails rather than point to a guessed address.
 */
@Component
class Links {

    static final String PROPERTY = "charte.public-url";

    private final Environment environment;

    Links(Environment environment) {
        this.environment = environment;
    }

    String base() {
        // read at each use: a test sets it from the port its server got once started
        String publicUrl = environment.getProperty(PROPERTY, "").strip();
        if (!publicUrl.isEmpty()) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        throw new IllegalStateException(PROPERTY + " (environment variable CHARTE_PUBLIC_URL) is not set: "
                + "a mail sent outside a web request cannot say where Charte is");
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
