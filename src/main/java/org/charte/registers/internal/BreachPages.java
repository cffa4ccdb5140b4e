package org.charte.registers.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.AccessWords;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.common.Zones;
import org.charte.policy.CurrentPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DPO's pages of the breach register (L6): the list with each breach's clock (near due,
 * overdue), recording a breach, and one breach's page to assess it, record its notifications and
 * shut out a compromised account. Times are typed and shown in Paris time; staff are named.
 */
@PageController
class BreachPages {

    static final String BASE = "/backoffice/violations";

    private final BreachRegister register;
    private final BreachLetters letters;
    private final CurrentActor actors;
    private final CurrentPolicy policy;
    private final StaffDirectory staff;
    private final MessageSource messages;
    private final Clock clock;
    private final AccessWords words;

    BreachPages(BreachRegister register, BreachLetters letters, CurrentActor actors, CurrentPolicy policy, StaffDirectory staff,
            MessageSource messages, Clock clock, AccessWords words) {
        this.words = words;
        this.register = register;
        this.letters = letters;
        this.actors = actors;
        this.policy = policy;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    /** A breach as the list shows it. */
    public record Row(Breach breach, String discovered, String due, String state, @Nullable String notified, boolean late) {}

    /** A step of the history, its actor named. */
    public record StepRow(String at, String actor, String kind, @Nullable String risk, @Nullable String text) {}

    /** A field the DPO must correct, in words. */
    public record Problem(String field, String text) {}

    /** A data category of the policy, in the page's language. */
    public record Option(String code, String label) {}

    @GetMapping(BASE)
    String list(Model model, Locale locale) {
        Instant now = clock.instant();
        model.addAttribute("rows", register.latest().stream().map(b -> row(b, now)).toList());
        model.addAttribute("categories", categories(locale));
        model.addAttribute("switchTo", BASE + ("en".equals(locale.getLanguage()) ? "?lang=fr" : "?lang=en"));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new HashMap<String, Object>());
        }
        return "registers/breaches";
    }

    @PostMapping(BASE)
    String record(@RequestParam Map<String, String> params, @RequestParam(name = "nature", required = false) @Nullable List<String> nature,
            @RequestParam(name = "categories", required = false) @Nullable List<String> categories, Authentication authentication,
            Model model, Locale locale) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        BreachForm form = new BreachForm(params.get("title"), instant(errors, "discoveredAt", params.get("discoveredAt")),
                params.get("discoveredHow"), nature, categories, number(errors, "approximatePeople", params.get("approximatePeople")),
                number(errors, "approximateRecords", params.get("approximateRecords")), params.get("consequences"),
                params.get("measuresTaken"), params.get("measuresPlanned"));
        try {
            if (!errors.isEmpty()) {
                try {
                    form.check(policy.policy(), clock.instant()); // so that every field to correct is named at once
                } catch (InvalidInputException more) {
                    errors.addAll(more.errors());
                }
                InvalidInputException.throwIfAny(errors);
            }
            Breach breach = register.record(actors.of(authentication), form);
            return "redirect:" + BASE + "/" + breach.id() + lang(locale);
        } catch (InvalidInputException e) {
            Map<String, Object> typed = new HashMap<>(params);
            typed.put("nature", nature == null ? List.of() : nature);
            typed.put("categories", categories == null ? List.of() : categories);
            model.addAttribute("form", typed);
            problems(model, e, locale);
            return list(model, locale);
        }
    }

    @GetMapping(BASE + "/{id}")
    String one(@PathVariable("id") UUID id, Model model, Locale locale) {
        Breach breach = register.find(id);
        Instant now = clock.instant();
        Map<String, String> names = new HashMap<>();
        model.addAttribute("row", row(breach, now));
        model.addAttribute("recordedBy", names.computeIfAbsent(breach.recordedBy(), a -> words.actor(a, locale)));
        model.addAttribute("compromised", breach.compromisedActor() == null ? null : names.computeIfAbsent(breach.compromisedActor(), a -> words.actor(a, locale)));
        model.addAttribute("windowFrom", breach.windowFrom() == null ? null : Days.when(breach.windowFrom(), LocaleContextHolder.getLocale()));
        model.addAttribute("windowTo", breach.windowTo() == null ? null : Days.when(breach.windowTo(), LocaleContextHolder.getLocale()));
        model.addAttribute("history", register.history(id).stream().map(s -> new StepRow(Days.when(s.at(), LocaleContextHolder.getLocale()),
                names.computeIfAbsent(s.actor(), a -> words.actor(a, locale)), s.kind(), s.risk() == null ? null : s.risk().name(),
                s.kind().equals("actor-locked") && s.text() != null ? names.computeIfAbsent(s.text(), a -> words.actor(a, locale))
                        : s.kind().equals("people-told") && s.text() != null ? told(s.text(), locale) : s.text())).toList());
        model.addAttribute("toldHow", breach.peopleToldHow() == null ? null : told(breach.peopleToldHow(), locale));
        model.addAttribute("labels", categories(locale).stream().filter(o -> breach.categories().contains(o.code())).map(Option::label).toList());
        model.addAttribute("staffMembers", staff.all());
        model.addAttribute("people", breach.compromisedActor() == null ? null : register.peopleConcerned(id).size());
        model.addAttribute("switchTo", BASE + "/" + id + ("en".equals(locale.getLanguage()) ? "?lang=fr" : "?lang=en"));
        return "registers/breach";
    }

    @PostMapping(BASE + "/{id}/evaluation")
    String assess(@PathVariable("id") UUID id, @RequestParam(name = "risk", required = false) @Nullable String risk,
            @RequestParam(name = "reasons", required = false) @Nullable String reasons, Authentication authentication, Model model,
            Locale locale) {
        try {
            register.assess(actors.of(authentication), id, risk, reasons);
            return "redirect:" + BASE + "/" + id + lang(locale);
        } catch (InvalidInputException e) {
            problems(model, e, locale);
            return one(id, model, locale);
        }
    }

    @PostMapping(BASE + "/{id}/notification")
    String notified(@PathVariable("id") UUID id, @RequestParam(name = "kind", required = false) @Nullable String kind,
            @RequestParam(name = "notifiedAt", required = false) @Nullable String at,
            @RequestParam(name = "reasonsForDelay", required = false) @Nullable String reasons,
            @RequestParam(name = "cnilReference", required = false) @Nullable String reference, Authentication authentication,
            Model model, Locale locale) {
        try {
            List<InvalidInputException.FieldError> errors = new ArrayList<>();
            Instant when = at == null || at.isBlank() ? null : instant(errors, "notifiedAt", at);
            InvalidInputException.throwIfAny(errors);
            register.notified(actors.of(authentication), id, kind, when, reasons, reference);
            return "redirect:" + BASE + "/" + id + lang(locale);
        } catch (InvalidInputException e) {
            problems(model, e, locale);
            return one(id, model, locale);
        }
    }

    @PostMapping(BASE + "/{id}/compte-compromis")
    String compromised(@PathVariable("id") UUID id, @RequestParam(name = "staffId", required = false) @Nullable String staffId,
            @RequestParam(name = "tokenId", required = false) @Nullable String tokenId,
            @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to, Authentication authentication, Model model,
            Locale locale, RedirectAttributes redirect) {
        try {
            List<InvalidInputException.FieldError> errors = new ArrayList<>();
            boolean token = staffId == null || staffId.isBlank();
            UUID actor = uuid(errors, token ? "tokenId" : "staffId", token ? tokenId : staffId);
            Instant start = instant(errors, "from", from);
            Instant end = to == null || to.isBlank() ? null : instant(errors, "to", to);
            InvalidInputException.throwIfAny(errors);
            register.compromised(actors.of(authentication), id, token ? "token" : "staff", actor, start, end);
            redirect.addFlashAttribute("locked", true);
            return "redirect:" + BASE + "/" + id + lang(locale);
        } catch (InvalidInputException e) {
            problems(model, e, locale);
            return one(id, model, locale);
        } catch (AccessException e) {
            problems(model, new InvalidInputException(e.field(), e.getMessage()), locale);
            return one(id, model, locale);
        }
    }

    @PostMapping(BASE + "/{id}/lettres")
    String tell(@PathVariable("id") UUID id, Authentication authentication, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            BreachLetters.Sent sent = letters.tell(actors.of(authentication), id);
            redirect.addFlashAttribute("mailed", sent.mailed());
            redirect.addFlashAttribute("withoutAddress", sent.withoutAddress().size());
            return "redirect:" + BASE + "/" + id + lang(locale);
        } catch (InvalidInputException e) {
            problems(model, e, locale);
            return one(id, model, locale);
        }
    }

    private Row row(Breach b, Instant now) {
        BreachClock.State state = b.state(now);
        return new Row(b, Days.when(b.discoveredAt(), LocaleContextHolder.getLocale()), Days.when(b.clock().dueAt(), LocaleContextHolder.getLocale()), state.name(),
                b.notifiedAt() == null ? null : Days.when(b.notifiedAt(), LocaleContextHolder.getLocale()), b.notifiedAt() != null && b.clock().late(b.notifiedAt()));
    }

    private List<Option> categories(Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        return policy.policy().dataCategories().stream()
                .map(c -> new Option(c.id(), english ? c.label().en() : c.label().fr())).toList();
    }

    /** A typed actor named as staff see it: a member's name, a token, the system. */
    /** How the people were told, as {@link BreachLetters} records it ("e-mail: 3; without an e-mail address: 1"), in the page's language. */
    private String told(String how, Locale locale) {
        return BreachTelling.read(how).map(t -> messages.getMessage("breach.letters-sent", new Object[] {t.mailed(), t.withoutEmail()}, locale))
                .orElse(how);
    }

    /** Each invalid field in words, in the page's language; never the value typed. */
    private void problems(Model model, InvalidInputException e, Locale locale) {
        List<Problem> problems = new ArrayList<>();
        for (String field : new LinkedHashSet<>(e.errors().stream().map(f -> f.field().replaceAll("\\[\\d+]", "")).toList())) {
            String label = messages.getMessage("breach.field." + field, null, field, locale);
            String detail = e.errors().stream().filter(f -> f.field().replaceAll("\\[\\d+]", "").equals(field)).findFirst()
                    .map(f -> messages.getMessage("breach.problem." + field, null, messages.getMessage("breach.problem.other", null, locale),
                            locale)).orElse("");
            problems.add(new Problem(field, label + " : " + detail));
        }
        model.addAttribute("problems", problems);
    }

    private static @Nullable Instant instant(List<InvalidInputException.FieldError> errors, String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            errors.add(new InvalidInputException.FieldError(field, "is required"));
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(Zones.PARIS).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new InvalidInputException.FieldError(field, "must be a date and time"));
            return null;
        }
    }

    private static @Nullable Long number(List<InvalidInputException.FieldError> errors, String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new InvalidInputException.FieldError(field, "must be a whole number"));
            return null;
        }
    }

    private static @Nullable UUID uuid(List<InvalidInputException.FieldError> errors, String field, @Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInputException.FieldError(field, "must be an id"));
            return null;
        }
    }

    private static String lang(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "?lang=en" : "";
    }
}
