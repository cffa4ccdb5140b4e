package org.charte.marketing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.marketing.Audience;
import org.charte.marketing.Exclusion;
import org.charte.marketing.MessageTemplates;
import org.charte.marketing.Segment;
import org.charte.policy.Text;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marketing campaigns over JSON (R9.9, R9.10, R4.2, L9): for staff whose role the policy names for
 * campaigns ({@code marketing.campaigns.roles}), each operation decided as an aggregate for the
 * campaign's marketing purpose. Bad input is refused naming each field, nothing stored.
 */
@RestController
@RequestMapping("/api/v1/marketing/campaigns")
@Tag(name = "Marketing campaigns", description = "Define a campaign (purpose, channel, FR/EN templates naming the sender and the objection, "
        + "a segment), count who it may reach and why not (dry run), send it once (e-mail, SMS), list whom a phone campaign may call now, or give a post campaign's letter shop list.")
class CampaignApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final CampaignService campaigns;
    private final CurrentActor actors;

    CampaignApi(CampaignService campaigns, CurrentActor actors) {
        this.campaigns = campaigns;
        this.actors = actors;
    }

    record SubjectBody(@Nullable @Size(max = CampaignInput.MAX_SUBJECT) String fr, @Nullable @Size(max = CampaignInput.MAX_SUBJECT) String en) {}

    record TemplateBody(@Nullable @Size(max = MessageTemplates.MAX_LENGTH) String fr, @Nullable @Size(max = MessageTemplates.MAX_LENGTH) String en) {}

    record SegmentBody(@Nullable @Size(max = CampaignInput.MAX_CODES) List<@Nullable @Size(max = CampaignInput.MAX_CODE) String> statuses,
            @Nullable @Size(max = CampaignInput.MAX_CODES) List<@Nullable @Size(max = CampaignInput.MAX_CODE) String> plans,
            @Nullable @Size(max = CampaignInput.MAX_CODES) List<@Nullable @Size(max = CampaignInput.MAX_CODE) String> regions,
            @Nullable @Size(max = CampaignInput.MAX_CODE) String capacity, @Nullable @Size(max = 10) String lastContactFrom,
            @Nullable @Size(max = 10) String lastContactTo) {}

    /** A campaign as defined: segment codes as the segment's Javadoc says ({@link Segment}); dates YYYY-MM-DD. */
    record CampaignBody(@Nullable @Size(max = CampaignInput.MAX_NAME) String name, @Nullable @Size(max = CampaignInput.MAX_CODE) String marketingPurpose,
            @Nullable @Size(max = CampaignInput.MAX_CODE) String channel, @Nullable @Valid SubjectBody subject, @Nullable @Valid TemplateBody body,
            @Nullable @Valid SegmentBody segment) {

        CampaignInput.Form form() {
            SegmentBody s = segment == null ? new SegmentBody(null, null, null, null, null, null) : segment;
            return new CampaignInput.Form(name, marketingPurpose, channel, subject == null ? null : subject.fr(), subject == null ? null : subject.en(),
                    body == null ? null : body.fr(), body == null ? null : body.en(), s.statuses(), s.plans(), s.regions(), s.capacity(),
                    s.lastContactFrom(), s.lastContactTo());
        }
    }

    record SegmentView(List<String> statuses, List<String> plans, List<String> regions, @Nullable String capacity, @Nullable LocalDate lastContactFrom,
            @Nullable LocalDate lastContactTo) {}

    record CampaignView(UUID id, String name, String marketingPurpose, String channel, @Nullable Text subject, @Nullable Text body, SegmentView segment,
            String status, String createdBy, Instant createdAt, @Nullable Instant sentAt, long sent, Map<String, Long> excludedAtSend) {

        static CampaignView of(Campaign c) {
            Segment s = c.segment();
            Map<String, Long> excluded = new LinkedHashMap<>();
            for (Exclusion exclusion : Exclusion.values()) {
                Long people = c.excludedAtSend().get(exclusion);
                if (people != null && people > 0) {
                    excluded.put(exclusion.code(), people);
                }
            }
            return new CampaignView(c.id(), c.name(), c.purpose(), c.channel().code(), c.subject(), c.body(),
                    new SegmentView(s.statuses().stream().map(st -> st.code()).sorted().toList(), s.plans().stream().sorted().toList(),
                            s.regions().stream().sorted().toList(), s.capacity() == null ? null : s.capacity().code(), s.lastContactFrom(),
                            s.lastContactTo()),
                    c.status().code(), c.createdBy(), c.createdAt(), c.sentAt(), c.sentCount(), excluded);
        }
    }

    /** A dry run: counts only, every exclusion code present (zero when none). */
    record AudienceView(long targeted, long eligible, Map<String, Long> excluded) {

        static AudienceView of(Audience a) {
            Map<String, Long> excluded = new LinkedHashMap<>();
            for (Exclusion exclusion : Exclusion.values()) {
                excluded.put(exclusion.code(), a.excluded().getOrDefault(exclusion, 0L));
            }
            return new AudienceView(a.targeted(), a.eligible(), excluded);
        }
    }

    record CalleeView(UUID subjectId, @Nullable String name, @Nullable String nameWithheld) {}

    @PostMapping
    @Operation(summary = "Define a campaign (draft)", description = "The purpose is one of the policy's marketing purposes; the channel email, "
            + "sms, phone or post (never push or in-app, R9.10); the templates FR and EN name the sender ({sender}) and the objection "
            + "({objection}), an SMS ending with it (L9); an e-mail has a subject. Problems name the field (body.fr, subject.en, segment.plans...).")
    ResponseEntity<CampaignView> create(@Valid @RequestBody CampaignBody body, Authentication authentication) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CampaignView.of(campaigns.create(actors.of(authentication), body.form())));
    }

    @GetMapping
    @Operation(summary = "The campaigns, newest first")
    List<CampaignView> list(Authentication authentication) {
        return campaigns.list(actors.of(authentication)).stream().map(CampaignView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A campaign, with its reach and exclusions once sent")
    CampaignView read(@PathVariable("id") UUID id, Authentication authentication) {
        return CampaignView.of(campaigns.read(actors.of(authentication), id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a draft campaign", description = "409 once it was sent or cancelled.")
    CampaignView update(@PathVariable("id") UUID id, @Valid @RequestBody CampaignBody body, Authentication authentication) {
        return CampaignView.of(campaigns.update(actors.of(authentication), id, body.form()));
    }

    @PostMapping("/{id}/dry-run")
    @Operation(summary = "Count who the campaign may reach now", description = "The people the segment targets, those eligible, and those "
            + "excluded by their first reason (deceased, restricted, held, former-client-expired, no-address, suppressed, objected, "
            + "consent-withdrawn, no-basis, outside-call-hours, call-limit). Counts only.")
    AudienceView dryRun(@PathVariable("id") UUID id, Authentication authentication) {
        return AudienceView.of(campaigns.dryRun(actors.of(authentication), id));
    }

    @PostMapping("/{id}/send")
    @Operation(summary = "Send an e-mail or SMS campaign, once", description = "Everyone eligible at this instant gets one message in their "
            + "language; each message is audited (who sent the campaign, purpose, basis). Sending again sends nothing more; a sending that "
            + "stopped resumes without duplicates. A phone campaign has a call list instead (409).")
    CampaignView send(@PathVariable("id") UUID id, Authentication authentication) {
        return CampaignView.of(campaigns.send(actors.of(authentication), id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a draft campaign")
    CampaignView cancel(@PathVariable("id") UUID id, Authentication authentication) {
        return CampaignView.of(campaigns.cancel(actors.of(authentication), id));
    }

    @GetMapping("/{id}/call-list")
    @Operation(summary = "Whom a phone campaign may call now (L2)", description = "At most 200 people; each name read through the decision "
            + "point for the campaign's purpose and audited; withheld (with the reason) where it refuses.")
    List<CalleeView> callList(@PathVariable("id") UUID id, Authentication authentication) {
        return campaigns.callList(actors.of(authentication), id).stream().map(c -> new CalleeView(c.subjectId(), c.name(), c.withheld())).toList();
    }

    @PostMapping("/{id}/post-list")
    @Operation(summary = "The letter shop's list of a post campaign (L9, R9.9)", description = "Charte sends no letter: it gives, as CSV for "
            + "the letter shop, the civility, first names, last name and French postal address (up to 4 lines, postal code, COMMUNE, "
            + "country only abroad) of each person who may be written to now (not objected, not deceased, restricted, held, ...), "
            + "in postal code order. UTF-8 with a byte order mark and ';' between fields, as French Excel opens it. Each person's read "
            + "is decided for the campaign's purpose and audited; a person it refuses is left out and counted in the header "
            + "Charte-Withheld. The first list marks the campaign sent (each person once, audited with the basis); asked again, it gives "
            + "the same people less anyone who may no longer be solicited. POST, since it changes the campaign.")
    ResponseEntity<String> postList(@PathVariable("id") UUID id, Authentication authentication) {
        CampaignService.PostList list = campaigns.postList(actors.of(authentication), id);
        return ResponseEntity.ok().contentType(CSV).header("Charte-Withheld", Integer.toString(list.withheld()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("courrier-" + id + ".csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(LetterShopCsv.of(list.letters()));
    }

    @ExceptionHandler(CampaignService.CampaignStateException.class)
    ProblemDetail conflict(CampaignService.CampaignStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible in this state");
        return problem;
    }
}
