package org.charte.marketing.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.PageController;
import org.charte.common.Zones;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.marketing.MarketingChoices.NewObjection;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.marketing.Solicitations;
import org.charte.marketing.UnsubscribeToken;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The unsubscribe link of marketing mails and the person's preferences (L5, L9, R9.9, RFC 8058).
 * {@code POST /u/{token}} is the one click: no sign-in, no confirmation, no CSRF token (mail clients
 * post {@code List-Unsubscribe=One-Click} from their servers; the signed token is the only credential),
 * idempotent; the objection on the token's channel and purpose is recorded, and the person's addresses
 * put on the suppression list, committed before it answers (a small fixed page; the full page for the
 * button of the GET page, which posts {@code from=page}). {@code GET /u/{token}} changes nothing (mail
 * scanners follow links): it shows the state of that channel and purpose, a button that unsubscribes,
 * and every purpose × channel as a form posting to {@code /u/{token}/preferences} (with CSRF). The
 * person acts as themselves for {@code rights-requests}, decided and audited like any access. A bad,
 * tampered or expired token, or a person no longer recorded, is a 404 page and changes nothing.
 */
@PageController
class UnsubscribePages {

    static final String PURPOSE = "rights-requests";
    static final String PREFERENCES_WORDING = "preferences-page-v1";

    private final UnsubscribeLinks links;
    private final MarketingChoices choices;
    private final Solicitations solicitations;
    private final Policy policy;
    private final Clock clock;
    private final ITemplateEngine templates;
    /** The one click's answer per language (French and English: the locale resolver gives no other). */
    private final Map<Locale, byte[]> oneClickAnswers = new ConcurrentHashMap<>();

    UnsubscribePages(UnsubscribeLinks links, MarketingChoices choices, Solicitations solicitations, Policy policy, Clock clock,
            ITemplateEngine templates) {
        this.templates = templates;
        this.links = links;
        this.choices = choices;
        this.solicitations = solicitations;
        this.policy = policy;
        this.clock = clock;
    }

    /** One choice of the preferences form: a channel and a purpose, whether solicitations are on. */
    record Cell(MarketingChannel channel, String purpose, boolean on, String code, String inputId) {
        Cell(MarketingChannel channel, String purpose, boolean on) {
            this(channel, purpose, on, channel.code() + ":" + purpose, "on-" + channel.code() + "-" + purpose);
        }
    }

    @GetMapping("/u/{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        return page(token, null, model, response);
    }

    /**
     * The one click of RFC 8058, as a mail client posts it ({@code List-Unsubscribe=One-Click}): once the objection is
     * committed, a small page made once per language (the same every time, no personal data, nothing of the request)
     * instead of a page rendered per click. The button of the page {@code GET /u/{token}} posts {@code from=page} and gets
     * the full page below.
     */
    // no transaction here: the objection is written with others' once decided and audited (MarketingService.object)
    @PostMapping("/u/{token}")
    @Nullable ModelAndView unsubscribe(@PathVariable String token, Locale locale, HttpServletResponse response) throws IOException {
        if (!objected(token)) {
            return new ModelAndView("marketing/unsubscribe-refused", HttpStatus.NOT_FOUND);
        }
        oneClickAnswer(locale, response);
        return null; // answered
    }

    /** The one click's answer, once its objection is committed: the same small page every time (also {@link OneClickDoor}'s). */
    void oneClickAnswer(Locale locale, HttpServletResponse response) throws IOException {
        byte[] body = oneClickAnswers.computeIfAbsent(locale, this::oneClickPage);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The same click from the button of the page {@code GET /u/{token}}: the page, with the way to every choice. */
    @PostMapping(path = "/u/{token}", params = "from=page")
    String unsubscribeFromPage(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!objected(token)) {
            return refused(response);
        }
        // a page without a form: the one click opens no session (the preferences page is one link away)
        model.addAttribute("token", token);
        return "marketing/unsubscribed";
    }

    /** Records the objection the token names (idempotent) before answering; false for a bad token or a person no longer recorded. */
    private boolean objected(String token) {
        UnsubscribeToken.Claims claims = links.verify(token).orElse(null);
        return claims != null && objected(claims);
    }

    /** Records the objection of a token's claims (idempotent) before answering; false for a person no longer recorded, nothing done. */
    boolean objected(UnsubscribeToken.Claims claims) {
        try {
            choices.object(Actor.subject(claims.subjectId()), PURPOSE, claims.subjectId(),
                    new NewObjection(Set.of(claims.channel()), claims.purpose(), Means.ONE_CLICK, null), false);
            return true;
        } catch (UnknownSubjectException e) {
            return false;
        }
    }

    /** The one click's answer in that language, rendered once from its template. */
    private byte[] oneClickPage(Locale locale) {
        return templates.process("marketing/one-click", new Context(locale)).getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/u/{token}/preferences")
    @Transactional
    String preferences(@PathVariable String token, @RequestParam(name = "on", required = false) @Nullable List<String> on, Model model,
            HttpServletResponse response) {
        UnsubscribeToken.Claims claims = links.verify(token).orElse(null);
        if (claims == null) {
            return refused(response);
        }
        UUID subject = claims.subjectId();
        Actor person = Actor.subject(subject);
        try {
            List<Cell> cells = cells(subject);
            Set<String> known = cells.stream().map(Cell::code).collect(Collectors.toSet());
            // an unknown or repeated choice, or more than there are, is refused before anything changes
            if (on != null && (on.size() > known.size() || on.stream().anyMatch(c -> c == null || !known.contains(c))
                    || Set.copyOf(on).size() != on.size())) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return page(token, "marketing.unsubscribe.invalid", model, response);
            }
            Set<String> wanted = on == null ? Set.of() : Set.copyOf(on);
            for (Cell cell : cells) {
                boolean want = wanted.contains(cell.code());
                if (want && !cell.on()) {
                    choices.consent(person, PURPOSE, subject, new NewConsent(cell.channel(), cell.purpose(), Means.FORM, PREFERENCES_WORDING,
                            UnsubscribeLinks.PATH));
                } else if (!want && cell.on()) {
                    choices.object(person, PURPOSE, subject, new NewObjection(Set.of(cell.channel()), cell.purpose(), Means.FORM, null), false);
                }
            }
        } catch (UnknownSubjectException e) {
            return refused(response);
        }
        return page(token, "marketing.unsubscribe.saved", model, response);
    }

    private String page(String token, @Nullable String notice, Model model, HttpServletResponse response) {
        UnsubscribeToken.Claims claims = links.verify(token).orElse(null);
        if (claims == null) {
            return refused(response);
        }
        List<Cell> cells;
        try {
            // the person's own read of their choices: decided and audited
            choices.choices(Actor.subject(claims.subjectId()), PURPOSE, claims.subjectId());
            cells = cells(claims.subjectId());
        } catch (UnknownSubjectException e) {
            return refused(response);
        }
        Map<String, Text> labels = new HashMap<>();
        for (String purpose : choices.purposes()) {
            policy.purpose(purpose).ifPresent(p -> labels.put(purpose, p.label()));
        }
        model.addAttribute("token", token);
        model.addAttribute("notice", notice);
        model.addAttribute("channel", claims.channel());
        model.addAttribute("purpose", claims.purpose());
        model.addAttribute("stopped", cells.stream().filter(c -> c.channel() == claims.channel())
                .filter(c -> claims.purpose() == null || c.purpose().equals(claims.purpose())).noneMatch(Cell::on));
        model.addAttribute("channels", policy.marketing().channels());
        model.addAttribute("purposes", choices.purposes().stream().sorted().toList());
        model.addAttribute("cells", cells);
        model.addAttribute("labels", labels);
        return "marketing/unsubscribe";
    }

    private List<Cell> cells(UUID subject) {
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        List<Cell> cells = new ArrayList<>();
        for (String purpose : choices.purposes().stream().sorted().toList()) {
            for (MarketingChannel channel : policy.marketing().channels()) {
                cells.add(new Cell(channel, purpose, solicitations.maySolicit(subject, channel, purpose, today).allowed()));
            }
        }
        return cells;
    }

    private static String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "marketing/unsubscribe-refused";
    }
}
