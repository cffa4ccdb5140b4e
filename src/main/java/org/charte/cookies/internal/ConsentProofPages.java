package org.charte.cookies.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.common.PageController;
import org.charte.common.Zones;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of one's cookie choices, as a page in French or English (L3, R9.11): what {@code GET
 * /consent/v1/records/{consentId}} answers in JSON, in words — each choice with its date on the server's
 * clock, how it was made, and purpose by purpose accepted or refused — and, for each banner version, what
 * that banner showed (its title, its text, its purposes as worded then), as kept the first time it was
 * served. consent.js's settings link here with the visitor's consent id; the DPO, given an id, reads the same
 * page (linked from the cookie choices' statistics). As the JSON, no sign-in: the random consent id is the
 * credential; nothing else about anyone is shown.
 */
@PageController
class ConsentProofPages {

    static final String FRENCH = "/mes-choix-cookies";
    static final String ENGLISH = "/en/my-cookie-choices";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One proof in words. */
    record Proof(String recordedAt, String method, String site, String language, String browser, String bannerVersion, List<Choice> choices) {}

    /** One purpose of a proof: its label as the banner worded it, accepted or not. */
    record Choice(String purpose, boolean accepted) {}

    /** What a banner version showed; {@code kept} false when this database never kept it. */
    record Shown(String version, boolean kept, @Nullable String firstServed, @Nullable String title, @Nullable String text,
            List<Purpose> purposes) {}

    /** A consent purpose as a banner showed it. */
    record Purpose(String label, String description) {}

    private final ConsentRecords records;
    private final MessageSource messages;
    private final String cookieName;

    ConsentProofPages(ConsentRecords records, MessageSource messages, ConsentBanner banner) {
        this.records = records;
        this.messages = messages;
        this.cookieName = banner.lifetime().cookieName();
    }

    static String base(Locale locale) {
        return "en".equals(locale.getLanguage()) ? ENGLISH : FRENCH;
    }

    /** The form asking for a consent id; with {@code id}, its proofs' page (or the form again, saying the id is not one). */
    @GetMapping({FRENCH, ENGLISH})
    Object find(@RequestParam(name = "id", required = false) @Nullable String id, Model model, Locale locale) {
        if (id == null || id.isBlank()) {
            return page("ask", model, HttpStatus.OK);
        }
        String trimmed = id.strip();
        if (trimmed.length() <= ChoiceChecks.CONSENT_ID_MAX && trimmed.matches(ChoiceChecks.UUID_TEXT)) {
            return "redirect:" + base(locale) + "/" + UUID.fromString(trimmed);
        }
        return page("invalid", model, HttpStatus.BAD_REQUEST);
    }

    @GetMapping({FRENCH + "/{consentId}", ENGLISH + "/{consentId}"})
    ModelAndView proofs(@PathVariable("consentId") String consentId, Model model, Locale locale) {
        if (consentId.length() > ChoiceChecks.CONSENT_ID_MAX || !consentId.matches(ChoiceChecks.UUID_TEXT)) {
            return page("invalid", model, HttpStatus.BAD_REQUEST);
        }
        UUID id = UUID.fromString(consentId);
        List<JdbcConsentRecords.Row> rows = records.of(id);
        if (rows.isEmpty()) {
            return page("unknown", model, HttpStatus.NOT_FOUND);
        }
        String language = "en".equals(locale.getLanguage()) ? "en" : "fr";
        Map<String, Shown> shown = new LinkedHashMap<>();
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (JdbcConsentRecords.Row row : rows) {
            shown.computeIfAbsent(row.bannerVersion(), version -> shown(version, language, locale, labels));
        }
        List<Proof> proofs = new ArrayList<>();
        for (JdbcConsentRecords.Row row : rows) {
            Map<String, String> worded = labels.getOrDefault(row.bannerVersion(), Map.of());
            List<Choice> choices = new ArrayList<>();
            row.choices().forEach((purpose, accepted) -> choices.add(new Choice(worded.getOrDefault(purpose, purpose), accepted)));
            proofs.add(new Proof(when(row.recordedAt(), locale), word("cookies.proofs.method." + row.method(), row.method(), locale), row.site(),
                    word("cookies.proofs.language." + row.language(), row.language(), locale),
                    word("cookies.proofs.browser." + row.browser(), row.browser(), locale), row.bannerVersion(), choices));
        }
        model.addAttribute("consentId", id.toString());
        model.addAttribute("proofs", proofs);
        model.addAttribute("banners", List.copyOf(shown.values()));
        model.addAttribute("json", "/consent/v1/records/" + id);
        return page("found", model, HttpStatus.OK);
    }

    private ModelAndView page(String state, Model model, HttpStatus status) {
        model.addAttribute("state", state);
        model.addAttribute("cookieName", cookieName);
        return new ModelAndView("cookies/proofs", model.asMap(), status);
    }

    /**
     * What the banner of this version showed, in the page's language, from its kept content; its purposes' labels by id go
     * to {@code labels} (none when it was not kept: the proofs then name their purposes by id).
     */
    private Shown shown(String version, String language, Locale locale, Map<String, Map<String, String>> labels) {
        return records.shown(version).map(kept -> {
            JsonNode banner = JSON.readTree(kept.content());
            JsonNode texts = banner.path("t").path(language);
            List<Purpose> purposes = new ArrayList<>();
            Map<String, String> byId = new LinkedHashMap<>();
            for (JsonNode purpose : banner.path("p")) {
                String label = purpose.path("l").path(language).asString();
                purposes.add(new Purpose(label, purpose.path("d").path(language).asString()));
                byId.put(purpose.path("id").asString(), label);
            }
            labels.put(version, byId);
            return new Shown(version, true, when(kept.firstServed(), locale), texts.path("title").asString(), texts.path("text").asString(),
                    purposes);
        }).orElseGet(() -> new Shown(version, false, null, null, null, List.of()));
    }

    private String when(OffsetDateTime at, Locale locale) {
        String formatted = at.atZoneSameInstant(Zones.PARIS).format(DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", locale));
        return messages.getMessage("cookies.proofs.when", new Object[] {formatted}, locale);
    }

    /** A code in words; a code with no words (a value of another version) as it is. */
    private String word(String key, String code, Locale locale) {
        return messages.getMessage(key, null, code, locale);
    }
}
