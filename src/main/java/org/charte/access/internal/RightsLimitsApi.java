package org.charte.access.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.Objections;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.RecipientNotices;
import org.charte.common.FreeText;
import org.charte.common.InvalidInputException;
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

/**
 * The DPO's side of restriction, objection and Art. 19 notices (L5, R1.3, R9.2): record a
 * restriction or an objection received (by post, by e-mail), decide pending objections, list what
 * was told to whom. The rights workflow calls the same services in process.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Restriction and objection", description = "GDPR Art. 18, 19 and 21, enforced by the decision point. The DPO only.")
class RightsLimitsApi {

    private final ProcessingRestrictions restrictions;
    private final Objections objections;
    private final RecipientNotices notices;
    private final CurrentStaff current;
    private final CurrentActor actors;

    RightsLimitsApi(ProcessingRestrictions restrictions, Objections objections, RecipientNotices notices, CurrentStaff current,
            CurrentActor actors) {
        this.restrictions = restrictions;
        this.objections = objections;
        this.notices = notices;
        this.current = current;
        this.actors = actors;
    }

    private String by(Principal principal) {
        return "staff:" + current.of(principal).id();
    }

    // --- restriction ----------------------------------------------------------------------------

    record RestrictionBody(@Nullable UUID subjectId, @Nullable @Size(max = 40) String reason, @Nullable @Size(max = 100) String reference) {}

    record RestrictionView(UUID id, UUID subjectId, String reason, @Nullable String reference, String restrictedAt, String restrictedBy,
            @Nullable String liftedAt, @Nullable String liftReason) {

        static RestrictionView of(ProcessingRestrictions.Restriction r) {
            return new RestrictionView(r.id(), r.subjectId(), r.reason().code(), r.reference(), r.restrictedAt().toString(), r.restrictedBy(),
                    r.liftedAt() == null ? null : r.liftedAt().toString(), r.liftReason());
        }
    }

    record Restrictions(List<RestrictionView> restrictions, Set<String> allowedWhileRestricted) {}

    @GetMapping("/restrictions")
    @Operation(summary = "Restrictions in force, or one person's history (?subject=)",
            description = "allowedWhileRestricted lists the purposes the decision point still allows (Art. 18(2)).")
    Restrictions restrictions(@RequestParam(name = "subject", required = false) @Nullable UUID subject) {
        List<ProcessingRestrictions.Restriction> list = subject == null ? restrictions.inForce() : restrictions.history(subject);
        return new Restrictions(list.stream().map(RestrictionView::of).toList(), restrictions.purposesAllowedWhileRestricted());
    }

    @PostMapping("/restrictions")
    @Operation(summary = "Restrict processing of a person's data (Art. 18)",
            description = "reason: accuracy-contested, unlawful-processing, needed-for-claims, not-stated, objection-pending or deceased. From then "
                    + "on the decision point refuses any processing but storage and the purposes Art. 18(2) allows; the recipients "
                    + "of the person's data are recorded as told (Art. 19). A person already restricted keeps the restriction in force.")
    ResponseEntity<RestrictionView> restrict(@Valid @RequestBody @Nullable RestrictionBody body, Principal principal) {
        if (body == null || body.subjectId() == null) {
            throw new InvalidInputException("subjectId", "is required");
        }
        ProcessingRestrictions.Reason reason = ProcessingRestrictions.Reason.ofCode(body.reason()).orElseThrow(() -> new InvalidInputException(
                "reason", "must be accuracy-contested, unlawful-processing, needed-for-claims, not-stated, objection-pending or deceased"));
        ProcessingRestrictions.Restriction r = restrictions.restrict(body.subjectId(), reason, body.reference(), by(principal));
        return ResponseEntity.created(URI.create("/api/v1/restrictions?subject=" + r.subjectId())).body(RestrictionView.of(r));
    }

    record LiftBody(@Nullable @Size(max = 40) String reason) {}

    @PostMapping("/restrictions/{id}/lifting")
    @Operation(summary = "Lift a person's restriction", description = "reason: a code such as accuracy-verified or person-asked. "
            + "A restriction obtained through a rights request is lifted from the request's page (/backoffice/droits/{request}), "
            + "which tells the person first (Art. 18(3)): lifting it here before that is refused (400, errors.subjectId).")
    RestrictionView lift(@PathVariable("id") UUID subjectId, @Valid @RequestBody @Nullable LiftBody body, Principal principal) {
        return restrictions.lift(subjectId, body == null ? null : body.reason(), by(principal)).map(RestrictionView::of)
                .orElseThrow(() -> new InvalidInputException("subjectId", "no restriction in force for this person"));
    }

    // --- objection ------------------------------------------------------------------------------

    record ObjectionBody(@Nullable UUID subjectId, @Nullable @Size(max = 64) String purpose,
            @Nullable @Size(max = JdbcObjections.TEXT_MAX) @FreeText String motive, @Nullable @Size(max = 100) String reference) {}

    record ObjectionView(UUID id, UUID subjectId, String purpose, String kind, String status, @Nullable String reference,
            String receivedAt, @Nullable String decidedAt, @Nullable String decidedBy) {

        static ObjectionView of(Objections.Objection o) {
            return new ObjectionView(o.id(), o.subjectId(), o.purpose(), code(o.kind()), code(o.status()), o.reference(),
                    o.receivedAt().toString(), o.decidedAt() == null ? null : o.decidedAt().toString(), o.decidedBy());
        }
    }

    record ObjectionList(List<ObjectionView> objections) {}

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @GetMapping("/objections")
    @Operation(summary = "Pending objections (oldest first), or one person's objections (?subject=)")
    ObjectionList objections(@RequestParam(name = "subject", required = false) @Nullable UUID subject) {
        return new ObjectionList((subject == null ? objections.pending() : objections.forSubject(subject)).stream()
                .map(ObjectionView::of).toList());
    }

    @PostMapping("/objections")
    @Operation(summary = "Record an objection received (Art. 21)",
            description = "purpose 'direct-marketing' (or absent): every direct-marketing purpose, upheld at once without motive. A "
                    + "marketing purpose: upheld at once. Another legitimate-interest purpose: motive required, pending until the DPO "
                    + "decides. Any other purpose is refused (400): the right to object does not apply to it.")
    ResponseEntity<ObjectionList> object(@Valid @RequestBody @Nullable ObjectionBody body, Principal principal) {
        if (body == null || body.subjectId() == null) {
            throw new InvalidInputException("subjectId", "is required");
        }
        List<Objections.Objection> recorded = body.purpose() == null || body.purpose().isBlank() || body.purpose().strip().equals("direct-marketing")
                ? objections.objectToDirectMarketing(body.subjectId(), body.reference(), by(principal))
                : List.of(objections.object(body.subjectId(), body.purpose(), body.motive(), body.reference(), by(principal)));
        return ResponseEntity.created(URI.create("/api/v1/objections?subject=" + body.subjectId()))
                .body(new ObjectionList(recorded.stream().map(ObjectionView::of).toList()));
    }

    record DecisionBody(@Nullable @Size(max = 20) String outcome, @Nullable @Size(max = JdbcObjections.TEXT_MAX) @FreeText String reasons) {}

    @PostMapping("/objections/{id}/decision")
    @Operation(summary = "Decide a pending objection (the DPO)",
            description = "outcome upheld (the decision point refuses that purpose for that person from now on) or rejected, with "
                    + "reasons (required to reject: compelling legitimate grounds, or legal claims).")
    ObjectionView decide(@PathVariable("id") UUID id, @Valid @RequestBody @Nullable DecisionBody body, Principal principal) {
        String outcome = body == null || body.outcome() == null ? "" : body.outcome().strip();
        Objections.Outcome chosen = switch (outcome) {
            case "upheld" -> Objections.Outcome.UPHELD;
            case "rejected" -> Objections.Outcome.REJECTED;
            default -> throw new InvalidInputException("outcome", "must be upheld or rejected");
        };
        return ObjectionView.of(objections.decide(id, chosen, body.reasons(), current.of(principal).id()));
    }

    @GetMapping("/objections/{id}/statement")
    @Operation(summary = "An objection's motive and the DPO's reasons",
            description = "A READ of the person's other-information for rights-requests: decided (a grant is needed) and audited.")
    Objections.Statement statement(@PathVariable("id") UUID id, Authentication authentication) {
        return objections.statement(actors.of(authentication), id);
    }

    // --- Art. 19 --------------------------------------------------------------------------------

    record NoticeList(List<RecipientNotices.Notice> notices) {}

    @GetMapping("/recipient-notices")
    @Operation(summary = "Recipients told of a rectification, erasure or restriction (Art. 19)",
            description = "One person's (?subject=), or the latest 200.")
    NoticeList notices(@RequestParam(name = "subject", required = false) @Nullable UUID subject) {
        return new NoticeList(subject == null ? notices.recent(200) : notices.forSubject(subject));
    }
}
