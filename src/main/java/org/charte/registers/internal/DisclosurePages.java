package org.charte.registers.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.charte.registers.DisclosureAnswerLink;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The disclosures register page (R6.6): the register with staff names, the form to record a
 * request, approval by another DPO, and the answer's link, shown once. A refusal is put in words
 * on the page and changes nothing.
 */
@PageController
class DisclosurePages {

    static final String PATH = "/backoffice/registres/communications";
    private static final int MAX_PEOPLE_TEXT = 4000;

    private final DisclosureService disclosures;
    private final RegisterExports exports;
    private final CurrentActor actors;
    private final MessageSource messages;
    private final Policy policy;

    DisclosurePages(DisclosureService disclosures, RegisterExports exports, CurrentActor actors, MessageSource messages, Policy policy) {
        this.disclosures = disclosures;
        this.exports = exports;
        this.actors = actors;
        this.messages = messages;
        this.policy = policy;
    }

    record Row(Disclosure disclosure, List<String> cells, boolean mayApprove, boolean mayAnswer) {}

    @GetMapping(PATH)
    String register(Authentication authentication, Locale locale, Model model) {
        UUID me = actors.of(authentication).id();
        RegisterExportTable table = exports.disclosures(locale);
        List<Disclosure> all = disclosures.all();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Disclosure d = all.get(i);
            rows.add(new Row(d, table.rows().get(i), d.approvedBy() == null && !d.recordedBy().equals(me),
                    d.approvedBy() != null && d.answeredAt() == null && d.recordedBy().equals(me)));
        }
        model.addAttribute("table", table);
        model.addAttribute("rows", rows);
        model.addAttribute("bases", List.of(DisclosureLegalBasis.values()));
        PolicyView v = new PolicyView(policy, locale);
        model.addAttribute("categories", disclosures.disclosableCategories().stream()
                .map(c -> new String[] {c, v.categories(List.of(c))}).toList());
        return "registers/disclosures";
    }

    @PostMapping(PATH)
    String record(@RequestParam(name = "authority", required = false) @Nullable String authority,
            @RequestParam(name = "legalBasis", required = false) @Nullable String legalBasis,
            @RequestParam(name = "legalBasisDetail", required = false) @Nullable String legalBasisDetail,
            @RequestParam(name = "reference", required = false) @Nullable String reference,
            @RequestParam(name = "receivedOn", required = false) @Nullable String receivedOn,
            @RequestParam(name = "deadline", required = false) @Nullable String deadline,
            @RequestParam(name = "people", required = false) @Nullable String people,
            @RequestParam(name = "categories", required = false) @Nullable List<String> categories,
            @RequestParam(name = "doNotInform", required = false) @Nullable String doNotInform,
            @RequestParam(name = "doNotInformReason", required = false) @Nullable String doNotInformReason,
            Authentication authentication, Locale locale, Model model, RedirectAttributes redirect) {
        Set<String> bad = new LinkedHashSet<>();
        LocalDate received = day(receivedOn, "receivedOn", bad);
        LocalDate due = day(deadline, "deadline", bad);
        List<UUID> ids = new ArrayList<>();
        if (people != null && people.length() > MAX_PEOPLE_TEXT) {
            bad.add("subjectIds");
        } else if (people != null) {
            for (String line : people.split("[\\s,;]+")) {
                if (!line.isBlank()) {
                    try {
                        ids.add(UUID.fromString(line.strip()));
                    } catch (IllegalArgumentException e) {
                        bad.add("subjectIds");
                    }
                }
            }
        }
        try {
            if (!bad.isEmpty()) {
                throw new InvalidInputException(bad.stream().map(f -> new InvalidInputException.FieldError(f, "invalid")).toList());
            }
            disclosures.record(actors.of(authentication).id(), new DisclosureService.NewDisclosure(authority, legalBasis,
                    legalBasisDetail, reference, received, due, ids, categories == null ? List.of() : categories, doNotInform != null,
                    doNotInformReason));
        } catch (InvalidInputException e) {
            Set<String> fields = new LinkedHashSet<>();
            e.errors().forEach(err -> fields.add(err.field().replaceAll("\\[\\d+]$", "")));
            List<String> words = fields.stream().map(f -> messages.getMessage("registers.disclosures.field." + f, null, f, locale)).toList();
            model.addAttribute("error", messages.getMessage("registers.disclosures.invalid", new Object[] {String.join(", ", words)}, locale));
            return register(authentication, locale, model);
        }
        redirect.addFlashAttribute("notice", "registers.disclosures.recorded");
        return "redirect:" + PATH;
    }

    private static @Nullable LocalDate day(@Nullable String text, String field, Set<String> bad) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            bad.add(field);
            return null;
        }
    }

    @PostMapping(PATH + "/{id}/approbation")
    String approve(@PathVariable("id") UUID id, Authentication authentication, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            disclosures.approve(id, actors.of(authentication).id());
        } catch (DisclosureService.DisclosureStateException e) {
            model.addAttribute("error", messages.getMessage("registers.disclosures.refused." + e.code(), null, locale));
            return register(authentication, locale, model);
        }
        redirect.addFlashAttribute("notice", "registers.disclosures.approved");
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/{id}/reponse")
    String answer(@PathVariable("id") UUID id, Authentication authentication, Locale locale, Model model) {
        try {
            DisclosureService.Answer answer = disclosures.answer(id, actors.of(authentication).id());
            model.addAttribute("link", ServletUriComponentsBuilder.fromCurrentContextPath().path(DisclosureAnswerLink.PATH + answer.secret())
                    .build().toUriString());
            model.addAttribute("linkExpires", Days.when(answer.expiresAt(), locale));
            model.addAttribute("sha256", answer.sha256());
        } catch (DisclosureService.DisclosureStateException e) {
            model.addAttribute("error", messages.getMessage("registers.disclosures.refused." + e.code(), null, locale));
        }
        return register(authentication, locale, model);
    }
}
