package org.charte.cookies.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.charte.common.InputChecks;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Serves {@code consent.js} (R9.11, L3): the hand-written script with its configuration inlined,
 * generated from the policy's cookie purposes ({@link ConsentBanner}). Revalidated on each load,
 * since it carries the server's time the re-ask delay is counted by. The first time a banner version
 * is served, what it shows is kept, so that a proof's version can be read back as words.
 */
@Controller
class ConsentScript {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    private static final String PLACEHOLDER = "/*CONFIG*/null";

    private final ConsentBanner banner;
    private final JdbcConsentRecords rows;
    private final InputChecks checks;
    private final String script;
    private final String styles;
    private final AtomicBoolean kept = new AtomicBoolean();

    ConsentScript(ConsentBanner banner, JdbcConsentRecords rows, InputChecks checks) {
        this.banner = banner;
        this.rows = rows;
        this.checks = checks;
        this.script = compact(resource("/cookies/consent.js"));
        this.styles = resource("/cookies/consent.css");
        if (!script.contains(PLACEHOLDER)) {
            throw new IllegalStateException("cookies/consent.js has no configuration placeholder");
        }
    }

    /**
     * The script as served: without its block comments (but the configuration's placeholder), line
     * indents and blank lines, so that its sections may explain themselves in the source and still
     * fit the budget (15 KB, 6 KB gzipped, configuration included). The script holds no string or
     * regular expression with {@code /*} in it.
     */
    static String compact(String source) {
        String uncommented = source.replace(PLACEHOLDER, "\u0000").replaceAll("/\\*[\\s\\S]*?\\*/", "").replace("\u0000", PLACEHOLDER);
        return uncommented.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n", "", "\n"));
    }

    static String resource(String name) {
        try (InputStream in = ConsentScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The banner's styles, apart so that pages whose Content-Security-Policy allows no inline style can load them. */
    @GetMapping("/consent/v1/consent.css")
    ResponseEntity<String> styles() {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1))).body(styles);
    }

    /**
     * The script, its configuration of this moment; a {@code Sec-GPC: 1} (or an honoured {@code DNT: 1}) header on its
     * request is handed to it (R9.11): no banner then, a refusal proved as that signal, whether or not the page's
     * script can read the signal itself. Caches keep one answer per signal ({@code Vary}).
     */
    @GetMapping("/consent/v1/consent.js")
    ResponseEntity<String> script(@RequestHeader(name = "Sec-GPC", required = false) @Nullable String secGpc,
            @RequestHeader(name = "DNT", required = false) @Nullable String dnt) {
        if (kept.compareAndSet(false, true)) {
            rows.keepBanner(banner.version().value(), banner.content(), checks.now());
        }
        return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.VARY, "Sec-GPC, DNT")
                .body(script.replace(PLACEHOLDER, banner.configuration(banner.signals().signal(secGpc, dnt))));
    }
}
