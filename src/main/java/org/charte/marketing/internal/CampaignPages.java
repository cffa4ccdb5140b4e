package org.charte.marketing.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.marketing.Audience;
import org.charte.marketing.Exclusion;
import org.charte.marketing.MessageTemplates;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back-office pages of campaigns (R9.9, L9): the list and a form to define one; a campaign's
 * page with its segment and dry run in words, the edit and cancel of a draft, the sending after a
 * confirmation that shows the dry run's numbers, a phone campaign's call list and a post
 * campaign's letter shop list; the same rules as the API ({@link CampaignService}). A refused form
 * comes back filled as it was, each field with what is wrong in words.
 */
@PageController
class CampaignPages {

    static final String BASE = "/backoffice/prospection/campagnes";

    private final CampaignService campaigns;
    private final CurrentActor actors;
    private final StaffDirectory staff;
    private final Policy policy;
    private final MessageSource messages;

    CampaignPages(CampaignService campaigns, CurrentActor actors, StaffDirectory staff, Policy policy, MessageSource messages) {
        this.campaigns = campaigns;
        this.actors = actors;
        this.staff = staff;
        this.policy = policy;
        this.messages = messages;
    }

    /** One line of the list: the campaign and who defined it, by name. */
    record Row(Campaign campaign, String by, String when, @Nullable String sentWhen) {}

    /** One line of a dry run's table: the reason's message key and the count. */
    record ExclusionRow(String code, long people) {}

    /** What is wrong with one field of the form, in the page's language: the form field's id and the sentence. */
    record Problem(String field, String text) {}

    /** The form's values as the person typed them (or as stored, to edit), never null. */
    record FormView(String name, String purpose, String channel, String subjectFr, String subjectEn, String bodyFr, String bodyEn,
            List<String> statuses, List<String> plans, List<String> regions, String capacity, String lastContactFrom, String lastContactTo) {

        static FormView empty() {
            return new FormView("", "", "", "", "", "", "", List.of(), List.of(), List.of(), "", "", "");
        }

        static FormView of(CampaignInput.Form f) {
            return new FormView(text(f.name()), text(f.purpose()), text(f.channel()), text(f.subjectFr()), text(f.subjectEn()), text(f.bodyFr()),
                    text(f.bodyEn()), codes(f.statuses()), codes(f.plans()), codes(f.regions()), text(f.capacity()), text(f.lastContactFrom()),
                    text(f.lastContactTo()));
        }

        static FormView of(Campaign c) {
            var s = c.segment();
            return new FormView(c.name(), c.purpose(), c.channel().code(), c.subject() == null ? "" : c.subject().fr(),
                    c.subject() == null ? "" : c.subject().en(), c.body() == null ? "" : c.body().fr(), c.body() == null ? "" : c.body().en(),
                    s.statuses().stream().map(SubjectStatus::code).sorted().toList(), s.plans().stream().sorted().toList(),
                    s.regions().stream().sorted().toList(), s.capacity() == null ? "" : s.capacity().code(),
                    s.lastContactFrom() == null ? "" : s.lastContactFrom().toString(), s.lastContactTo() == null ? "" : s.lastContactTo().toString());
        }

        private static String text(@Nullable String value) {
            return value == null ? "" : value;
        }

        private static List<String> codes(@Nullable List<@Nullable String> codes) {
            return codes == null ? List.of() : codes.stream().filter(c -> c != null).map(c -> (String) c).toList();
        }
    }

    @GetMapping(BASE)
    String list(Authentication authentication, Model model) {
        model.addAttribute("form", FormView.empty());
        return listPage(authentication, model);
    }

    private String listPage(Authentication authentication, Model model) {
        List<Campaign> all = campaigns.list(actors.of(authentication));
        options(model);
        Map<String, String> names = new HashMap<>();
        model.addAttribute("campaigns", all.stream().map(c -> new Row(c, names.computeIfAbsent(c.createdBy(), this::name),
                Days.when(c.createdAt(), LocaleContextHolder.getLocale()), c.sentAt() == null ? null : Days.when(c.sentAt(), LocaleContextHolder.getLocale()))).toList());
        return "marketing/campaigns";
    }

    @PostMapping(BASE)
    String create(@RequestParam(name = "name", required = false) @Nullable String name,
            @RequestParam(name = "marketingPurpose", required = false) @Nullable String purpose,
            @RequestParam(name = "channel", required = false) @Nullable String channel,
            @RequestParam(name = "subjectFr", required = false) @Nullable String subjectFr,
            @RequestParam(name = "subjectEn", required = false) @Nullable String subjectEn,
            @RequestParam(name = "bodyFr", required = false) @Nullable String bodyFr,
            @RequestParam(name = "bodyEn", required = false) @Nullable String bodyEn,
            @RequestParam(name = "statuses", required = false) @Nullable List<String> statuses,
            @RequestParam(name = "plans", required = false) @Nullable List<String> plans,
            @RequestParam(name = "regions", required = false) @Nullable List<String> regions,
            @RequestParam(name = "capacity", required = false) @Nullable String capacity,
            @RequestParam(name = "lastContactFrom", required = false) @Nullable String from,
            @RequestParam(name = "lastContactTo", required = false) @Nullable String to, Authentication authentication, Model model,
            Locale locale) {
        CampaignInput.Form form = form(name, purpose, channel, subjectFr, subjectEn, bodyFr, bodyEn, statuses, plans, regions, capacity, from, to);
        try {
            Campaign campaign = campaigns.create(actors.of(authentication), form);
            return "redirect:" + BASE + "/" + campaign.id() + lang(locale);
        } catch (InvalidInputException e) {
            refused(model, form, e, locale);
            return listPage(authentication, model);
        }
    }

    @GetMapping(BASE + "/{id}")
    String campaign(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        Campaign campaign = campaigns.read(actors.of(authentication), id);
        detail(model, campaign);
        return "marketing/campaign";
    }

    @GetMapping(BASE + "/{id}/modifier")
    String edit(@PathVariable("id") UUID id, Authentication authentication, Model model, RedirectAttributes redirect, Locale locale) {
        Campaign campaign = campaigns.read(actors.of(authentication), id);
        if (campaign.status() != CampaignStatus.DRAFT) {
            redirect.addFlashAttribute("notice", "marketing.campaign.not-editable");
            return "redirect:" + BASE + "/" + id + lang(locale);
        }
        model.addAttribute("campaign", campaign);
        model.addAttribute("form", FormView.of(campaign));
        options(model);
        return "marketing/campaign-edit";
    }

    @PostMapping(BASE + "/{id}/modifier")
    String update(@PathVariable("id") UUID id, @RequestParam(name = "name", required = false) @Nullable String name,
            @RequestParam(name = "marketingPurpose", required = false) @Nullable String purpose,
            @RequestParam(name = "channel", required = false) @Nullable String channel,
            @RequestParam(name = "subjectFr", required = false) @Nullable String subjectFr,
            @RequestParam(name = "subjectEn", required = false) @Nullable String subjectEn,
            @RequestParam(name = "bodyFr", required = false) @Nullable String bodyFr,
            @RequestParam(name = "bodyEn", required = false) @Nullable String bodyEn,
            @RequestParam(name = "statuses", required = false) @Nullable List<String> statuses,
            @RequestParam(name = "plans", required = false) @Nullable List<String> plans,
            @RequestParam(name = "regions", required = false) @Nullable List<String> regions,
            @RequestParam(name = "capacity", required = false) @Nullable String capacity,
            @RequestParam(name = "lastContactFrom", required = false) @Nullable String from,
            @RequestParam(name = "lastContactTo", required = false) @Nullable String to, Authentication authentication, Model model,
            Locale locale, RedirectAttributes redirect) {
        CampaignInput.Form form = form(name, purpose, channel, subjectFr, subjectEn, bodyFr, bodyEn, statuses, plans, regions, capacity, from, to);
        try {
            campaigns.update(actors.of(authentication), id, form);
            redirect.addFlashAttribute("notice", "marketing.campaign.saved");
            return "redirect:" + BASE + "/" + id + lang(locale);
        } catch (InvalidInputException e) {
            model.addAttribute("campaign", campaigns.read(actors.of(authentication), id));
            refused(model, form, e, locale);
            options(model);
            return "marketing/campaign-edit";
        } catch (CampaignService.CampaignStateException e) {
            redirect.addFlashAttribute("notice", "marketing.campaign.not-editable");
            return "redirect:" + BASE + "/" + id + lang(locale);
        }
    }

    /** Without {@code confirm=yes}, asks first; with it, cancels the draft. */
    @PostMapping(BASE + "/{id}/annulation")
    String cancel(@PathVariable("id") UUID id, @RequestParam(name = "confirm", required = false) @Nullable String confirm,
            Authentication authentication, Model model, RedirectAttributes redirect, Locale locale) {
        if (!"yes".equals(confirm)) {
            detail(model, campaigns.read(actors.of(authentication), id));
            model.addAttribute("confirmCancel", true);
            return "marketing/campaign";
        }
        try {
            campaigns.cancel(actors.of(authentication), id);
            redirect.addFlashAttribute("notice", "marketing.campaign.cancelled-notice");
        } catch (CampaignService.CampaignStateException e) {
            redirect.addFlashAttribute("notice", "marketing.campaign.not-cancellable");
        }
        return "redirect:" + BASE + "/" + id + lang(locale);
    }

    @PostMapping(BASE + "/{id}/essai")
    String dryRun(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        Audience audience = campaigns.dryRun(actors.of(authentication), id);
        detail(model, campaigns.read(actors.of(authentication), id));
        model.addAttribute("audience", audience);
        model.addAttribute("excluded", rows(audience.excluded()));
        return "marketing/campaign";
    }

    /** Without {@code confirm=yes}, runs the dry run and asks to confirm with its numbers; with it, sends. */
    @PostMapping(BASE + "/{id}/envoi")
    String send(@PathVariable("id") UUID id, @RequestParam(name = "confirm", required = false) @Nullable String confirm,
            Authentication authentication, Model model, RedirectAttributes redirect, Locale locale) {
        if (!"yes".equals(confirm)) {
            Audience audience = campaigns.dryRun(actors.of(authentication), id);
            detail(model, campaigns.read(actors.of(authentication), id));
            model.addAttribute("audience", audience);
            model.addAttribute("excluded", rows(audience.excluded()));
            model.addAttribute("confirmSend", true);
            return "marketing/campaign";
        }
        try {
            campaigns.send(actors.of(authentication), id);
            redirect.addFlashAttribute("notice", "marketing.campaign.sent-notice");
        } catch (CampaignService.CampaignStateException e) {
            redirect.addFlashAttribute("notice", "marketing.campaign.not-sendable");
        }
        return "redirect:" + BASE + "/" + id + lang(locale);
    }

    /** A phone campaign's call list: the people who may be called now, named where a grant allows, each with a link to their calls page. */
    @GetMapping(BASE + "/{id}/appels")
    String callList(@PathVariable("id") UUID id, Authentication authentication, Model model, RedirectAttributes redirect, Locale locale) {
        Campaign campaign = campaigns.read(actors.of(authentication), id);
        try {
            model.addAttribute("callees", campaigns.callList(actors.of(authentication), id));
        } catch (CampaignService.CampaignStateException e) {
            redirect.addFlashAttribute("notice", "marketing.campaign.no-call-list");
            return "redirect:" + BASE + "/" + id + lang(locale);
        }
        model.addAttribute("campaign", campaign);
        model.addAttribute("max", CampaignService.CALL_LIST_MAX);
        return "marketing/campaign-calls";
    }

    /** A post campaign's letter shop list, as the API gives it (CSV for French Excel); the first one marks the campaign sent. */
    @PostMapping(BASE + "/{id}/courrier")
    ResponseEntity<String> postList(@PathVariable("id") UUID id, Authentication authentication, Locale locale) {
        CampaignService.PostList list;
        try {
            list = campaigns.postList(actors.of(authentication), id);
        } catch (CampaignService.CampaignStateException e) {
            // not a post campaign, or cancelled: back to its page, which offers no list then
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(BASE + "/" + id + lang(locale))).build();
        }
        return ResponseEntity.ok().contentType(CampaignApi.CSV).header("Charte-Withheld", Integer.toString(list.withheld()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("courrier-" + id + ".csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(LetterShopCsv.of(list.letters()));
    }

    private static CampaignInput.Form form(@Nullable String name, @Nullable String purpose, @Nullable String channel, @Nullable String subjectFr,
            @Nullable String subjectEn, @Nullable String bodyFr, @Nullable String bodyEn, @Nullable List<String> statuses,
            @Nullable List<String> plans, @Nullable List<String> regions, @Nullable String capacity, @Nullable String from,
            @Nullable String to) {
        return new CampaignInput.Form(name, purpose, channel, blankToNull(subjectFr), blankToNull(subjectEn), blankToNull(bodyFr),
                blankToNull(bodyEn), statuses, plans, regions, blankToNull(capacity), blankToNull(from), blankToNull(to));
    }

    /** The form as typed, and what is wrong with each field in words (the templates' problems each said). */
    private void refused(Model model, CampaignInput.Form form, InvalidInputException e, Locale locale) {
        model.addAttribute("form", FormView.of(form));
        List<Problem> problems = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (var error : e.errors()) {
            String field = error.field().replaceAll("\\[\\d+]", "");
            if (seen.contains(field)) {
                continue;
            }
            seen.add(field);
            String input = inputId(field);
            List<String> texts = new ArrayList<>();
            texts.add(messages.getMessage("marketing.campaign.field." + field, null, messages.getMessage("marketing.campaign.field.other", null, locale),
                    locale));
            if (field.startsWith("body.")) {
                texts.addAll(templateProblems(form, field.substring("body.".length()), locale));
            }
            byField.computeIfAbsent(input, k -> new ArrayList<>()).addAll(texts);
            texts.forEach(t -> problems.add(new Problem(input, t)));
        }
        model.addAttribute("problems", problems);
        model.addAttribute("errors", byField);
    }

    /** The template rule's own problems for one language of the text ({@link MessageTemplates#check}), in words. */
    private List<String> templateProblems(CampaignInput.Form form, String language, Locale locale) {
        MarketingChannel channel = form.channel() == null ? null : MarketingChannel.fromCode(form.channel()).orElse(null);
        if (channel == null) {
            return List.of();
        }
        Text template = new Text(form.bodyFr() == null ? "" : form.bodyFr(), form.bodyEn() == null ? "" : form.bodyEn());
        String sender = "en".equals(language) ? policy.marketing().sender().en() : policy.marketing().sender().fr();
        int max = channel == MarketingChannel.SMS ? MessageTemplates.MAX_SMS_LENGTH : MessageTemplates.MAX_LENGTH;
        List<String> texts = new ArrayList<>();
        for (MessageTemplates.Problem problem : MessageTemplates.check(channel, template, policy.marketing())) {
            if (problem.field().equals(language)) {
                texts.add(messages.getMessage("marketing.campaign.problem." + problem.code(), new Object[] {sender, max},
                        messages.getMessage("marketing.campaign.problem.other", null, locale), locale));
            }
        }
        return texts;
    }

    /** The form field's id for an API field name: {@code body.fr} is {@code bodyFr}, {@code segment.plans} is {@code plans}. */
    static String inputId(String field) {
        return switch (field) {
            case "subject", "subject.fr" -> "subjectFr";
            case "subject.en" -> "subjectEn";
            case "body.fr" -> "bodyFr";
            case "body.en" -> "bodyEn";
            default -> field.startsWith("segment.") ? field.substring("segment.".length()) : field;
        };
    }

    private void detail(Model model, Campaign campaign) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("by", name(campaign.createdBy()));
        model.addAttribute("when", Days.when(campaign.createdAt(), LocaleContextHolder.getLocale()));
        model.addAttribute("sentWhen", campaign.sentAt() == null ? null : Days.when(campaign.sentAt(), LocaleContextHolder.getLocale()));
        model.addAttribute("sentBy", campaign.sentBy() == null ? null : name(campaign.sentBy()));
        model.addAttribute("purposeLabel", policy.purpose(campaign.purpose()).map(Policy.Purpose::label).orElse(new Text(campaign.purpose(), campaign.purpose())));
        model.addAttribute("sendable", campaign.channel() == MarketingChannel.EMAIL || campaign.channel() == MarketingChannel.SMS);
        model.addAttribute("draft", campaign.status() == CampaignStatus.DRAFT);
        model.addAttribute("excludedAtSend", rows(campaign.excludedAtSend()));
        model.addAttribute("segment", campaign.segment());
        model.addAttribute("segmentStatuses", campaign.segment().statuses().stream().map(SubjectStatus::code).sorted().toList());
        model.addAttribute("segmentPlans", campaign.segment().plans().stream().sorted().toList());
        model.addAttribute("segmentRegions", campaign.segment().regions().stream().sorted().toList());
    }

    private static List<ExclusionRow> rows(Map<Exclusion, Long> excluded) {
        List<ExclusionRow> rows = new ArrayList<>();
        for (Exclusion exclusion : Exclusion.values()) {
            long people = excluded.getOrDefault(exclusion, 0L);
            if (people > 0) {
                rows.add(new ExclusionRow(exclusion.code(), people));
            }
        }
        return rows;
    }

    private void options(Model model) {
        Map<String, Text> purposes = new LinkedHashMap<>();
        policy.marketingPurposes().forEach(p -> purposes.put(p.id(), p.label()));
        model.addAttribute("purposes", purposes);
        model.addAttribute("channels", policy.marketing().channels().stream().map(MarketingChannel::code).toList());
        model.addAttribute("statuses", List.of(SubjectStatus.values()).stream().map(SubjectStatus::code).toList());
        model.addAttribute("plans", campaigns.planCodes());
        model.addAttribute("regions", CampaignInput.REGIONS.stream().sorted().toList());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("problems", List.of());
        }
    }

    private String name(String typedId) {
        if (typedId.startsWith("staff:")) {
            try {
                return staff.find(UUID.fromString(typedId.substring("staff:".length()))).map(StaffMember::displayName).orElse("?");
            } catch (IllegalArgumentException e) {
                return "?";
            }
        }
        return "?";
    }

    /** The query that keeps an English page English after a redirect (the language is chosen by the address). */
    private static String lang(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "?lang=en" : "";
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
