package org.charte.registers.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccountLockout;
import org.charte.access.CurrentActor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The breach register over HTTP (L6): the DPO records, assesses and notifies; the clock's state on every breach. */
@RestController
@RequestMapping("/api/v1/breaches")
@Tag(name = "Breaches", description = "The breach register and its 72-hour clock (GDPR Art. 33 and 34, L6). The DPO only.")
class BreachApi {

    private final BreachRegister register;
    private final BreachNotificationFile files;
    private final BreachLetters letters;
    private final CurrentActor actors;
    private final Clock clock;

    BreachApi(BreachRegister register, BreachNotificationFile files, BreachLetters letters, CurrentActor actors, Clock clock) {
        this.register = register;
        this.files = files;
        this.letters = letters;
        this.actors = actors;
        this.clock = clock;
    }

    /** A breach with where its clock stands now. */
    record BreachView(UUID id, String title, Instant discoveredAt, String discoveredHow, List<String> nature, List<String> categories,
            long approximatePeople, long approximateRecords, String consequences, String measuresTaken, String measuresPlanned,
            @Nullable String risk, @Nullable String riskReasons, Instant dueAt, String clock, boolean nearDue, boolean overdue,
            @Nullable Instant notifiedAt, boolean notifiedLate, @Nullable String reasonsForDelay, @Nullable String cnilReference,
            @Nullable Instant peopleToldAt, @Nullable String peopleToldHow, @Nullable Integer peopleMailed,
            @Nullable Integer peopleWithoutEmail, @Nullable String compromisedActor,
            @Nullable Instant windowFrom, @Nullable Instant windowTo, Instant recordedAt) {

        static BreachView of(Breach b, Instant now) {
            BreachClock.State state = b.state(now);
            Optional<BreachTelling> told = BreachTelling.read(b.peopleToldHow());
            return new BreachView(b.id(), b.title(), b.discoveredAt(), b.discoveredHow(), b.nature().stream().map(BreachNature::code).toList(),
                    b.categories(), b.approximatePeople(), b.approximateRecords(), b.consequences(), b.measuresTaken(), b.measuresPlanned(),
                    b.risk() == null ? null : b.risk().name().toLowerCase(Locale.ROOT), b.riskReasons(), b.clock().dueAt(),
                    state.name().toLowerCase(Locale.ROOT).replace('_', '-'), state == BreachClock.State.NEAR_DUE,
                    state == BreachClock.State.OVERDUE, b.notifiedAt(), b.notifiedAt() != null && b.clock().late(b.notifiedAt()),
                    b.reasonsForDelay(), b.cnilReference(), b.peopleToldAt(),
                    told.map(t -> BreachTelling.EMAIL).orElse(b.peopleToldHow()), told.map(BreachTelling::mailed).orElse(null),
                    told.map(BreachTelling::withoutEmail).orElse(null), b.compromisedActor(), b.windowFrom(),
                    b.windowTo(), b.recordedAt());
        }
    }

    record StepView(Instant at, String actor, String kind, @Nullable String risk, @Nullable String text) {}

    record BreachDetail(BreachView breach, List<StepView> history) {}

    @GetMapping
    @Operation(summary = "The register, newest discovery first, each breach with its clock (running, near-due, overdue, stopped)")
    List<BreachView> list() {
        Instant now = clock.instant();
        return register.latest().stream().map(b -> BreachView.of(b, now)).toList();
    }

    @PostMapping
    @Operation(summary = "Records a breach (Art. 33(5)); its 72-hour clock runs from discoveredAt",
            description = "categories are the current policy's data-category codes; nature: confidentiality, integrity, availability.")
    ResponseEntity<BreachView> record(@RequestBody(required = false) @Nullable BreachForm body, Authentication authentication) {
        Breach breach = register.record(actors.of(authentication), body == null ? empty() : body);
        return ResponseEntity.created(URI.create("/api/v1/breaches/" + breach.id())).body(BreachView.of(breach, clock.instant()));
    }

    private static BreachForm empty() {
        return new BreachForm(null, null, null, null, null, null, null, null, null, null);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One breach and its history (recorded, assessed, notified, actor locked, people told)",
            description = "Coded values, never sentences: risk (none, risk, high), clock, nature; peopleToldHow is the channel's code"
                    + " (email) with peopleMailed and peopleWithoutEmail; a people-told step's text is email:<mailed>[;without-email:<count>].")
    BreachDetail one(@PathVariable UUID id) {
        return new BreachDetail(BreachView.of(register.find(id), clock.instant()), register.history(id).stream()
                .map(s -> new StepView(s.at(), s.actor(), s.kind(), s.risk() == null ? null : s.risk().name().toLowerCase(Locale.ROOT),
                        s.kind().equals("people-told") ? BreachTelling.normalised(s.text()) : s.text())).toList());
    }

    record AssessmentBody(@Nullable @Size(max = 10) String risk, @Nullable @Size(max = BreachForm.TEXT_MAX) String reasons) {}

    @PostMapping("/{id}/assessments")
    @Operation(summary = "Assesses the risk, with reasons: none (recorded only), risk (notify the CNIL), high (also tell the people)")
    BreachView assess(@PathVariable UUID id, @RequestBody(required = false) @Nullable AssessmentBody body, Authentication authentication) {
        AssessmentBody b = body == null ? new AssessmentBody(null, null) : body;
        return BreachView.of(register.assess(actors.of(authentication), id, b.risk(), b.reasons()), clock.instant());
    }

    record NotificationBody(@Nullable @Size(max = 20) String kind, @Nullable Instant notifiedAt,
            @Nullable @Size(max = BreachForm.TEXT_MAX) String reasonsForDelay, @Nullable @Size(max = BreachRegister.REFERENCE_MAX) String cnilReference) {}

    @PostMapping("/{id}/notifications")
    @Operation(summary = "Records a notification to the CNIL (initial, then complementary); a late initial one needs reasonsForDelay")
    BreachView notified(@PathVariable UUID id, @RequestBody(required = false) @Nullable NotificationBody body,
            Authentication authentication) {
        NotificationBody b = body == null ? new NotificationBody(null, null, null, null) : body;
        return BreachView.of(register.notified(actors.of(authentication), id, b.kind(), b.notifiedAt(), b.reasonsForDelay(),
                b.cnilReference()), clock.instant());
    }

    record CompromisedBody(@Nullable @Size(max = 10) String actorKind, @Nullable UUID actorId, @Nullable Instant from, @Nullable Instant to) {}

    @PostMapping("/{id}/compromised-actor")
    @Operation(summary = "The breach came through this staff account or token: revokes its tokens, ends its sessions, locks it (audited)",
            description = "from/to: the window in which it is thought to have been misused (to defaults to now).")
    AccountLockout.Lockout compromised(@PathVariable UUID id, @RequestBody(required = false) @Nullable CompromisedBody body,
            Authentication authentication) {
        CompromisedBody b = body == null ? new CompromisedBody(null, null, null, null) : body;
        return register.compromised(actors.of(authentication), id, b.actorKind(), b.actorId(), b.from(), b.to());
    }

    @GetMapping("/{id}/notification-file")
    @Operation(summary = "The notification to the CNIL as JSON, field by field as the CNIL's online form asks (initial or complementary)")
    ResponseEntity<byte[]> notificationJson(@PathVariable UUID id) {
        return file(id, files.json(register.find(id)), MediaType.APPLICATION_JSON, "json");
    }

    @GetMapping("/{id}/notification-file.pdf")
    @Operation(summary = "The notification to the CNIL as PDF, to keep with the register")
    ResponseEntity<byte[]> notificationPdf(@PathVariable UUID id) {
        return file(id, files.pdf(register.find(id)), MediaType.APPLICATION_PDF, "pdf");
    }

    private ResponseEntity<byte[]> file(UUID id, byte[] content, MediaType type, String extension) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("notification-violation-" + id + "." + extension).build().toString()).body(content);
    }

    record People(String actor, Instant from, Instant to, List<UUID> subjectIds) {}

    @GetMapping("/{id}/people")
    @Operation(summary = "The people concerned: everyone whose data the compromised actor read, exported or revealed in the window")
    People people(@PathVariable UUID id) {
        List<UUID> people = register.peopleConcerned(id);
        Breach breach = register.find(id);
        return new People(breach.compromisedActor(), breach.windowFrom(), breach.windowTo(), people);
    }

    @PostMapping("/{id}/letters")
    @Operation(summary = "Tells the people concerned (Art. 34): one plain-language e-mail each, French or English by their language, audited",
            description = "Only for a breach assessed as a high risk, once; people without an e-mail address are listed for the DPO.")
    BreachLetters.Sent tell(@PathVariable UUID id, Authentication authentication) {
        return letters.tell(actors.of(authentication), id);
    }
}
