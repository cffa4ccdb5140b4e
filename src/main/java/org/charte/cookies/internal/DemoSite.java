package org.charte.cookies.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.charte.common.PageController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * A fictitious marketing site that embeds {@code consent.js} as a company's site would, with an
 * audience tag, a social share button and an embedded post that wait for consent ({@code type="text/plain"
 * data-purpose}). Only when {@code charte.cookies.demo-site=true}, which {@code ./charte demo} sets
 * and a server never should; otherwise the address does not exist.
 */
@PageController
class DemoSite {

    private final boolean enabled;

    DemoSite(@Value("${charte.cookies.demo-site:false}") boolean enabled) {
        this.enabled = enabled;
    }

    @GetMapping("/demo/site")
    String page() {
        if (!enabled) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "cookies/demo-site";
    }

    /**
     * A social network's embedded post as the demo fakes it (R7.2): the page holds its iframe without
     * an address until consent. Served by Charte, it must let the demo page frame it, which the
     * platform's headers forbid everywhere else.
     */
    @GetMapping("/demo/site/post")
    String post(HttpServletResponse response) {
        if (!enabled) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'");
        return "cookies/demo-post";
    }

    /** The site's tags, which the page holds as {@code type="text/plain"} until consent: an audience tag and a share button. */
    @GetMapping({"/demo/site/audience.js", "/demo/site/share.js"})
    ResponseEntity<String> tag(HttpServletRequest request) {
        if (!enabled) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String name = request.getRequestURI().endsWith("audience.js") ? "/cookies/demo-audience.js" : "/cookies/demo-share.js";
        return ResponseEntity.ok().contentType(ConsentScript.JAVASCRIPT).body(ConsentScript.resource(name));
    }
}
