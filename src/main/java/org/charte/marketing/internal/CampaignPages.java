package org.charte.marketing.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.InvalidInputException;
import org.charte.common.Zones;
import org.charte.marketing.Audience;
import org.charte.marketing.Exclusion;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back-office pages of campaigns (R9.9, L9): the list and a form to define one, a campaign's
 * page with its dry run (exclusions in words) and its sending; the same rules as the API.
 */
@Controller
class CampaignPages {

    static final String BASE = "/backoffice/prospection/campagnes";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Zones.PARIS);

    private final CampaignService campaigns;
    private final CurrentActor actors;
    private final StaffDirectory staff;
    private final Policy policy;

    CampaignPages(CampaignService campaigns, CurrentActor actors, StaffDirectory staff, Policy policy) {
        this.campaigns = campaigns;
        this.actors = actors;
        this.staff = staff;
        this.policy = policy;
    }

    /** One line of the list: the campaign and who defined it, by name. */
    record Row(Campaign campaign, String by, String when, @Nullable String sentWhen) {}

    /** One line of a dry run's table: the reason's message key and the count. */
    record ExclusionRow(String code, long people) {}

    @GetMapping(BASE)
    String list(Authentication authentication, Model model) {
        List<Campaign> all = campaigns.list(actors.of(authentication));
        form(model);
        Map<String, String> names = new HashMap<>();
        model.addAttribute("campaigns", all.stream().map(c -> new Row(c, names.computeIfAbsent(c.createdBy(), this::name),
                WHEN.format(c.createdAt()), c.sentAt() == null ? null : WHEN.format(c.sentAt()))).toList());
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
            @RequestParam(name = "lastContactTo", required = false) @Nullable String to, Authentication authentication, Model model) {
        CampaignInput.Form form = new CampaignInput.Form(name, purpose, channel, blankToNull(subjectFr), blankToNull(subjectEn), blankToNull(bodyFr),
                blankToNull(bodyEn), statuses, plans, regions, blankToNull(capacity), blankToNull(from), blankToNull(to));
        try {
            Campaign campaign = campaigns.create(actors.of(authentication), form);
            return "redirect:" + BASE + "/" + campaign.id();
        } catch (InvalidInputException e) {
            List<String> invalid = e.errors().stream().map(f -> "marketing.campaign.field." + f.field().replaceAll("\\[\\d+]", "")).distinct().toList();
            model.addAttribute("invalid", invalid);
            model.addAttribute("campaigns", List.of());
            form(model);
            return "marketing/campaigns";
        }
    }

    @GetMapping(BASE + "/{id}")
    String campaign(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        Campaign campaign = campaigns.read(actors.of(authentication), id);
        detail(model, campaign);
        return "marketing/campaign";
    }

    @PostMapping(BASE + "/{id}/essai")
    String dryRun(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        Audience audience = campaigns.dryRun(actors.of(authentication), id);
        detail(model, campaigns.read(actors.of(authentication), id));
        model.addAttribute("audience", audience);
        model.addAttribute("excluded", rows(audience.excluded()));
        return "marketing/campaign";
    }

    @PostMapping(BASE + "/{id}/envoi")
    String send(@PathVariable("id") UUID id, Authentication authentication, RedirectAttributes redirect) {
        try {
            campaigns.send(actors.of(authentication), id);
            redirect.addFlashAttribute("notice", "marketing.campaign.sent-notice");
        } catch (CampaignService.CampaignStateException e) {
            redirect.addFlashAttribute("notice", "marketing.campaign.not-sendable");
        }
        return "redirect:" + BASE + "/" + id;
    }

    private void detail(Model model, Campaign campaign) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("by", name(campaign.createdBy()));
        model.addAttribute("when", WHEN.format(campaign.createdAt()));
        model.addAttribute("sentWhen", campaign.sentAt() == null ? null : WHEN.format(campaign.sentAt()));
        model.addAttribute("sentBy", campaign.sentBy() == null ? null : name(campaign.sentBy()));
        model.addAttribute("purposeLabel", policy.purpose(campaign.purpose()).map(Policy.Purpose::label).orElse(new Text(campaign.purpose(), campaign.purpose())));
        model.addAttribute("sendable", campaign.channel() == MarketingChannel.EMAIL || campaign.channel() == MarketingChannel.SMS);
        model.addAttribute("excludedAtSend", rows(campaign.excludedAtSend()));
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

    private void form(Model model) {
        Map<String, Text> purposes = new LinkedHashMap<>();
        policy.marketingPurposes().forEach(p -> purposes.put(p.id(), p.label()));
        model.addAttribute("purposes", purposes);
        model.addAttribute("channels", policy.marketing().channels().stream().map(MarketingChannel::code).toList());
        model.addAttribute("statuses", List.of(SubjectStatus.values()).stream().map(SubjectStatus::code).toList());
        model.addAttribute("plans", campaigns.planCodes());
        model.addAttribute("regions", CampaignInput.REGIONS.stream().sorted().toList());
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

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
