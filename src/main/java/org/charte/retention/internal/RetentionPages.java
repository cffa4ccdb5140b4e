package org.charte.retention.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.access.AccessWords;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.common.PlausibleDate;
import org.charte.policy.Policy;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DPO's retention page (R5.6, L4): what the next 30, 90 and 365 days will erase per rule (a
 * server-drawn chart and the same numbers in a table), the legal holds in force with forms to place
 * and release one, the intermediate archive per obligation, the latest runs, and a dry run as of a
 * chosen day. Real runs stay with the nightly job and the command line (and the DPO's API). An
 * administrator may read the page; the security configuration keeps every form to the DPO.
 */
@PageController
class RetentionPages {

    static final int RUNS_SHOWN = 20;
    static final int PROOFS_SHOWN = 500;
    static final List<Integer> HORIZONS = List.of(30, 90, 365);

    private final RetentionRuns runs;
    private final LegalHolds holds;
    private final IntermediateArchive archive;
    private final LegalHoldService store;
    private final RunLauncher launcher;
    private final CurrentActor actors;
    private final Policy policy;
    private final AccessWords words;
    private final MessageSource messages;

    RetentionPages(RetentionRuns runs, LegalHolds holds, IntermediateArchive archive, LegalHoldService store, RunLauncher launcher, CurrentActor actors,
            Policy policy, AccessWords words, MessageSource messages) {
        this.words = words;
        this.messages = messages;
        this.runs = runs;
        this.holds = holds;
        this.archive = archive;
        this.store = store;
        this.launcher = launcher;
        this.actors = actors;
        this.policy = policy;
    }

    /** A rule's forecast: due now (the next run takes it), and in all within 30, 90 and 365 days. */
    public record ForecastRow(String ruleId, String label, long dueNow, List<Long> within) {}

    /**
     * One bar of the chart, placed by the server (no script draws it): its length in percent of the
     * row, so that the chart fills a phone's width as well as a desk's (R5.6, L10).
     */
    public record Bar(int horizon, long value, String width, int y, int height, String fill, int textY) {}

    /** A rule's label (drawn above its bars, where it has the row's whole width) and its three bars. */
    public record ChartRow(String ruleId, String label, List<Bar> bars) {}

    public record Chart(List<ChartRow> rows, int rowHeight, long max) {}

    /**
     * A hold as the page shows it: its codes, the person and the record by a short reference, who
     * placed it by name (L10).
     */
    public record HoldRow(LegalHolds.Hold hold, String kind, String person, @Nullable String record, String placedBy) {}

    /** An obligation of the archive with its label from the policy. */
    public record ArchiveRow(IntermediateArchive.ObligationSummary summary, String label, String reference) {}

    /** What the place-a-hold form sent back, to show it again after a refusal. */
    public record HoldForm(String kind, String subjectId, String recordType, String recordId, String reason, String endsOn) {
        static HoldForm empty() {
            return new HoldForm("", "", "", "", "", "");
        }
    }

    @GetMapping("/backoffice/conservation")
    String overview(Model model, Locale locale, Authentication authentication) {
        fill(model, locale, authentication);
        if (!model.containsAttribute("holdForm")) {
            model.addAttribute("holdForm", HoldForm.empty());
        }
        return "retention/overview";
    }

    private void fill(Model model, Locale locale, Authentication authentication) {
        LocalDate today = store.today();
        model.addAttribute("today", today);
        model.addAttribute("dpo", authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_DPO")));
        List<ForecastRow> forecast = forecast(locale);
        model.addAttribute("horizons", HORIZONS);
        model.addAttribute("fills", FILLS);
        model.addAttribute("forecast", forecast);
        model.addAttribute("chart", chart(forecast));
        model.addAttribute("holds", holds.active(today).stream().map(h -> new HoldRow(h, h.kind().code(),
                AccessWords.shortReference(h.subjectId().toString()), h.recordId() == null ? null : AccessWords.shortReference(h.recordId().toString()),
                words.actor(h.placedBy(), locale))).toList());
        model.addAttribute("kinds", Arrays.stream(LegalHolds.Kind.values()).map(LegalHolds.Kind::code).toList());
        Map<String, Policy.Obligation> obligations = new LinkedHashMap<>();
        policy.archive().forEach(o -> obligations.put(o.id(), o));
        model.addAttribute("archive", archive.summary().stream().map(s -> {
            Policy.Obligation o = obligations.get(s.obligationId());
            return new ArchiveRow(s, o == null ? s.obligationId() : o.label().in(locale), o == null ? "" : o.reference());
        }).toList());
        List<RetentionRuns.Report> recent = runs.recent(RUNS_SHOWN);
        model.addAttribute("runs", recent);
        // each rule of the recent runs by its name (L10), not its id
        Map<String, String> ruleLabels = new LinkedHashMap<>();
        recent.forEach(r -> r.rules().forEach(c -> ruleLabels.computeIfAbsent(c.ruleId(), id -> label(id, locale))));
        model.addAttribute("ruleLabels", ruleLabels);
        model.addAttribute("english", english(locale));
        model.addAttribute("switchTo", english(locale) ? "/backoffice/conservation" : "/backoffice/conservation?lang=en");
    }

    private List<ForecastRow> forecast(Locale locale) {
        Map<String, ForecastRow> rows = new LinkedHashMap<>();
        for (RetentionRuns.Outlook outlook : runs.outlook(HORIZONS)) {
            rows.put(outlook.ruleId(), new ForecastRow(outlook.ruleId(), label(outlook.ruleId(), locale), outlook.dueNow(),
                    new ArrayList<>(outlook.dueWithin())));
        }
        return List.copyOf(rows.values());
    }

    /** A rule's name: the policy's label, or for the steps the policy does not name (the archive's expiry) the page's own. */
    private String label(String ruleId, Locale locale) {
        return policy.retentionRules().stream().filter(r -> r.id().equals(ruleId)).findFirst().map(r -> r.label().in(locale))
                .orElseGet(() -> messages.getMessage("conservation.rule." + ruleId, null, ruleId, locale));
    }

    /** The longest bar, in percent of the row: what is left is for its number. */
    static final double BAR_SPACE = 85.0;
    static final int BAR_HEIGHT = 14;
    static final int BAR_GAP = 3;
    static final List<String> FILLS = List.of("#7fa7e0", "#1f4fa3", "#0d2a5c");

    /** Horizontal bars, three per rule (30, 90, 365 days), scaled to the largest number; the rule's name above them. */
    static Chart chart(List<ForecastRow> forecast) {
        long max = Math.max(1, forecast.stream().flatMap(r -> r.within().stream()).mapToLong(Long::longValue).max().orElse(1));
        List<ChartRow> rows = new ArrayList<>();
        for (ForecastRow row : forecast) {
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < row.within().size(); i++) {
                long value = row.within().get(i);
                double percent = value == 0 ? 0 : Math.max(0.5, value * BAR_SPACE / max);
                int barY = i * (BAR_HEIGHT + BAR_GAP);
                bars.add(new Bar(HORIZONS.get(i), value, String.format(Locale.ROOT, "%.2f%%", percent), barY, BAR_HEIGHT,
                        FILLS.get(i % FILLS.size()), barY + BAR_HEIGHT - 3));
            }
            rows.add(new ChartRow(row.ruleId(), row.label(), bars));
        }
        return new Chart(rows, HORIZONS.size() * (BAR_HEIGHT + BAR_GAP), max);
    }

    @PostMapping("/backoffice/conservation/blocages")
    ModelAndView place(Authentication authentication, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String subjectId, @RequestParam(required = false) @Nullable String recordType,
            @RequestParam(required = false) @Nullable String recordId, @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String endsOn, Locale locale, Model model, RedirectAttributes redirect) {
        HoldForm form = new HoldForm(blankToEmpty(kind), blankToEmpty(subjectId), blankToEmpty(recordType), blankToEmpty(recordId),
                blankToEmpty(reason), blankToEmpty(endsOn));
        try {
            List<FieldError> errors = new ArrayList<>();
            UUID subject = uuid("subjectId", form.subjectId(), errors);
            UUID record = uuid("recordId", form.recordId(), errors);
            LocalDate end = date("endsOn", form.endsOn(), errors);
            InvalidInputException.throwIfAny(errors);
            LegalHolds.Hold placed = holds.place(actors.of(authentication), new LegalHolds.NewHold(nullIfEmpty(form.kind()), subject,
                    nullIfEmpty(form.recordType()), record, nullIfEmpty(form.reason()), end));
            redirect.addFlashAttribute("notice", "conservation.hold.placed");
            redirect.addFlashAttribute("noticeId", AccessWords.shortReference(placed.id().toString()));
            return new ModelAndView("redirect:/backoffice/conservation" + lang(locale) + "#blocages");
        } catch (InvalidInputException e) {
            return refused(model, locale, authentication, e, "holdErrors", form);
        }
    }

    @PostMapping("/backoffice/conservation/blocages/{id}/levee")
    ModelAndView release(Authentication authentication, @PathVariable String id, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            List<FieldError> errors = new ArrayList<>();
            UUID holdId = uuid("id", id, errors);
            InvalidInputException.throwIfAny(errors);
            if (holdId == null) {
                throw new InvalidInputException("id", "no such legal hold");
            }
            holds.release(actors.of(authentication), holdId);
            redirect.addFlashAttribute("notice", "conservation.hold.released");
            redirect.addFlashAttribute("noticeId", AccessWords.shortReference(holdId.toString()));
            return new ModelAndView("redirect:/backoffice/conservation" + lang(locale) + "#blocages");
        } catch (LegalHolds.UnknownHoldException e) {
            return refused(model, locale, authentication, new InvalidInputException("id", "no such legal hold"), "releaseErrors", HoldForm.empty());
        } catch (InvalidInputException e) {
            return refused(model, locale, authentication, e, "releaseErrors", HoldForm.empty());
        }
    }

    @PostMapping("/backoffice/conservation/simulations")
    ModelAndView dryRun(Authentication authentication, @RequestParam(required = false) @Nullable String asOf, Locale locale, Model model,
            RedirectAttributes redirect) {
        try {
            List<FieldError> errors = new ArrayList<>();
            LocalDate day = date("asOf", blankToEmpty(asOf), errors);
            if (day == null && errors.isEmpty()) {
                errors.add(new FieldError("asOf", "is required"));
            }
            InvalidInputException.throwIfAny(errors);
            RunLauncher.Launched launched = launcher.launch(actors.of(authentication), day, true, RetentionRuns.Trigger.BACKOFFICE);
            return new ModelAndView("redirect:/backoffice/conservation/executions/" + launched.runId() + lang(locale));
        } catch (InvalidInputException e) {
            model.addAttribute("dryRunAsOf", blankToEmpty(asOf));
            return refused(model, locale, authentication, e, "dryRunErrors", HoldForm.empty());
        }
    }

    /** The page again, with the refused form's fields named in the visitor's language, and a 400. */
    private ModelAndView refused(Model model, Locale locale, Authentication authentication, InvalidInputException e, String errorsName, HoldForm form) {
        fill(model, locale, authentication);
        model.addAttribute("holdForm", form);
        model.addAttribute(errorsName, e.errors().stream().map(FieldError::field).distinct().toList());
        ModelAndView view = new ModelAndView("retention/overview", model.asMap());
        view.setStatus(HttpStatus.BAD_REQUEST);
        return view;
    }

    @GetMapping("/backoffice/conservation/executions/{id}")
    String run(@PathVariable String id, Model model, Locale locale) {
        UUID runId = uuidOrNull(id);
        RetentionRuns.Report report = runId == null ? null : runs.find(runId).orElse(null);
        if (report == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<RetentionRuns.Proof> proofs = runs.proofs(runId, PROOFS_SHOWN + 1);
        model.addAttribute("run", report);
        model.addAttribute("labels", report.rules().stream().collect(Collectors.toMap(RetentionRuns.RuleCounts::ruleId,
                c -> label(c.ruleId(), locale), (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("proofs", proofs.size() > PROOFS_SHOWN ? proofs.subList(0, PROOFS_SHOWN) : proofs);
        model.addAttribute("proofsTruncated", proofs.size() > PROOFS_SHOWN);
        model.addAttribute("proofsShown", PROOFS_SHOWN);
        // What holds kept, as stored with the run (the first HELD_SHOWN; the API's ?held= gives more).
        model.addAttribute("held", report.held());
        model.addAttribute("heldTruncated", report.heldCount() > report.held().size() && report.held().size() >= RunLog.HELD_SHOWN);
        model.addAttribute("heldShown", RunLog.HELD_SHOWN);
        model.addAttribute("english", english(locale));
        model.addAttribute("switchTo", "/backoffice/conservation/executions/" + runId + (english(locale) ? "" : "?lang=en"));
        return "retention/run";
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    private static String lang(Locale locale) {
        return english(locale) ? "?lang=en" : "";
    }

    private static String blankToEmpty(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static @Nullable String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    static @Nullable UUID uuidOrNull(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable UUID uuid(String field, String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return null;
        }
        UUID id = uuidOrNull(text);
        if (id == null) {
            errors.add(new FieldError(field, "must be a UUID"));
        }
        return id;
    }

    static @Nullable LocalDate date(String field, String text, List<FieldError> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(text);
            return PlausibleDate.check(errors, field, day) ? day : null;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }
}
