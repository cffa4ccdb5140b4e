package org.charte.retention.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.retention.LegalHolds;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Legal holds (the DPO) and the intermediate archive (the roles its obligations name) over JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Retention", description = "Legal holds and the intermediate archive (policy §5, R5.6, L4)")
class RetentionApi {

    private final CurrentActor actors;
    private final LegalHolds holds;
    private final IntermediateArchive archive;
    private final LegalHoldService store;

    RetentionApi(CurrentActor actors, LegalHolds holds, IntermediateArchive archive, LegalHoldService store) {
        this.actors = actors;
        this.holds = holds;
        this.archive = archive;
        this.store = store;
    }

    /** A hold as the API shows it: codes and ids, whether it applies today. */
    record HoldView(UUID id, String kind, UUID subjectId, @Nullable String recordType, @Nullable UUID recordId, String reason, LocalDate placedOn,
            @Nullable LocalDate endsOn, String placedBy, @Nullable Instant releasedAt, @Nullable String releasedBy, boolean active) {

        static HoldView of(LegalHolds.Hold h, LocalDate today) {
            return new HoldView(h.id(), h.kind().code(), h.subjectId(), h.recordType(), h.recordId(), h.reasonCode(), h.placedOn(), h.endsOn(),
                    h.placedBy(), h.releasedAt(), h.releasedBy(), h.activeOn(today));
        }
    }

    @PostMapping("/legal-holds")
    @Operation(summary = "Place a legal hold on a person or an invoice (the DPO)")
    ResponseEntity<HoldView> place(Authentication authentication, @RequestBody(required = false) LegalHolds.@Nullable NewHold hold) {
        LegalHolds.Hold placed = holds.place(actors.of(authentication), hold);
        return ResponseEntity.created(URI.create("/api/v1/legal-holds/" + placed.id())).body(HoldView.of(placed, store.today()));
    }

    @PostMapping("/legal-holds/{id}/release")
    @Operation(summary = "Release a legal hold (the DPO)")
    HoldView release(Authentication authentication, @PathVariable UUID id) {
        return HoldView.of(holds.release(actors.of(authentication), id), store.today());
    }

    @GetMapping("/legal-holds")
    @Operation(summary = "The legal holds in force (the DPO; an administrator may read)")
    List<HoldView> active() {
        LocalDate today = store.today();
        return holds.active(today).stream().map(h -> HoldView.of(h, today)).toList();
    }

    @GetMapping("/archive")
    @Operation(summary = "What the intermediate archive holds, per obligation: counts and keep-until dates, no personal data (the DPO)")
    List<IntermediateArchive.ObligationSummary> summary() {
        return archive.summary();
    }

    @GetMapping("/retention/archive/entries")
    @Operation(summary = "List the intermediate archive's entries by obligation, former person id or record reference (L4)",
            description = "For a member of staff whose role an archive obligation names (adv, dpo in the shipped policy), for that "
                    + "obligation's purpose (legal-obligations), after signing the current confidentiality commitment. Lists only the "
                    + "entries still kept by the obligations that name the role and purpose, newest first, without their content: open "
                    + "one with GET /api/v1/archive/{id}?purpose=..., decided under a grant on the former person. At least one of "
                    + "obligation, formerSubjectId, recordId. Every listing and refusal is audited. Bad input: 400 problem naming each field.")
    IntermediateArchive.Page entries(Authentication authentication,
            @Parameter(description = "the obligation's purpose, e.g. legal-obligations") @RequestParam(required = false) @Nullable String purpose,
            @Parameter(description = "an archive obligation of the policy, e.g. accounting") @RequestParam(required = false) @Nullable String obligation,
            @Parameter(description = "the erased person's former id") @RequestParam(required = false) @Nullable String formerSubjectId,
            @Parameter(description = "the archived record's id (invoice, payment, subscription, order)") @RequestParam(required = false) @Nullable String recordId,
            @Parameter(description = "page number, from 0") @RequestParam(required = false) @Nullable Integer page,
            @Parameter(description = "entries per page, 1 to 200 (default 50)") @RequestParam(required = false) @Nullable Integer size) {
        return archive.list(actors.of(authentication), purpose, new IntermediateArchive.Search(obligation, formerSubjectId, recordId, page, size));
    }

    @GetMapping("/archive/{id}")
    @Operation(summary = "Open an archive entry, for its obligation's purpose, by a role the obligation names, under a grant")
    IntermediateArchive.Entry read(Authentication authentication, @PathVariable UUID id, @RequestParam(required = false) @Nullable String purpose) {
        return archive.read(actors.of(authentication), purpose, id);
    }
}
