package org.charte.registers.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.InvalidInputException;
import org.charte.registers.DisclosureAnswerLink;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Disclosures to authorities over JSON (R6.6): the DPO records, another DPO approves, the recorder produces the answer. */
@RestController
@RequestMapping("/api/v1/disclosures")
@Tag(name = "Disclosures to authorities", description = "R6.6: the register of requests from police, judicial or administrative "
        + "authorities, approved by a second DPO, answered through a single-use link. The DPO only.")
class DisclosureApi {

    private final DisclosureService disclosures;
    private final CurrentActor actors;
    private final StaffDirectory staff;

    DisclosureApi(DisclosureService disclosures, CurrentActor actors, StaffDirectory staff) {
        this.disclosures = disclosures;
        this.actors = actors;
        this.staff = staff;
    }

    record DisclosureBody(@Nullable @Size(max = JdbcDisclosures.MAX_AUTHORITY) String authority, @Nullable @Size(max = 32) String legalBasis,
            @Nullable @Size(max = JdbcDisclosures.MAX_DETAIL) String legalBasisDetail,
            @Nullable @Size(max = JdbcDisclosures.MAX_REFERENCE) String reference, @Nullable LocalDate receivedOn, @Nullable LocalDate deadline,
            @Nullable @Size(max = DisclosureService.MAX_PEOPLE) List<UUID> subjectIds, @Nullable @Size(max = 20) List<@Size(max = 64) String> categories,
            @Nullable Boolean doNotInform, @Nullable @Size(max = JdbcDisclosures.MAX_REASON) String doNotInformReason) {}

    record StaffView(UUID id, String name) {}

    record DisclosureView(UUID id, String status, String authority, String legalBasis, @Nullable String legalBasisDetail, String reference,
            LocalDate receivedOn, @Nullable LocalDate deadline, List<UUID> subjectIds, List<String> categories, boolean doNotInform,
            @Nullable String doNotInformReason, StaffView recordedBy, String recordedAt, @Nullable StaffView approvedBy,
            @Nullable String approvedAt, @Nullable UUID grantId, @Nullable String answeredAt, @Nullable String answerSha256,
            @Nullable String linkExpiresAt, @Nullable String linkUsedAt, int informed) {}

    DisclosureView view(Disclosure d) {
        return new DisclosureView(d.id(), d.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), d.authority(),
                d.legalBasis().code(), d.legalBasisDetail(), d.reference(), d.receivedOn(), d.deadline(), d.subjectIds(), d.categories(),
                d.doNotInform(), d.doNotInformReason(), person(d.recordedBy()), d.recordedAt().toString(),
                d.approvedBy() == null ? null : person(d.approvedBy()), text(d.approvedAt()), d.grantId(), text(d.answeredAt()),
                d.answerSha256(), text(d.linkExpiresAt()), text(d.linkUsedAt()), d.informed());
    }

    private StaffView person(UUID id) {
        return new StaffView(id, staff.find(id).map(StaffMember::displayName).orElse(""));
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @GetMapping
    @Operation(summary = "The disclosures register (R6.6), newest first")
    List<DisclosureView> list() {
        return disclosures.all().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One disclosure")
    DisclosureView read(@PathVariable("id") UUID id) {
        return view(disclosures.find(id));
    }

    @PostMapping
    @Operation(summary = "Record a request from an authority (R6.6)", description = "authority, legalBasis (cpp-60-1, cpp-77-1-1, cpp-99-3, "
            + "lpf-l81 or other with legalBasisDetail), reference, receivedOn, deadline (optional), subjectIds (1 to 100 people Charte knows), "
            + "categories (those of purpose legal-obligations), doNotInform with doNotInformReason when the request forbids telling the "
            + "people. Another DPO approves it.")
    ResponseEntity<DisclosureView> record(@Valid @RequestBody @Nullable DisclosureBody body, Authentication authentication) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        Disclosure d = disclosures.record(actors.of(authentication).id(), new DisclosureService.NewDisclosure(body.authority(), body.legalBasis(),
                body.legalBasisDetail(), body.reference(), body.receivedOn(), body.deadline(), body.subjectIds(), body.categories(),
                Boolean.TRUE.equals(body.doNotInform()), body.doNotInformReason()));
        return ResponseEntity.created(URI.create("/api/v1/disclosures/" + d.id())).body(view(d));
    }

    @PostMapping("/{id}/approval")
    @Operation(summary = "Approve a disclosure (four eyes)", description = "By a DPO who did not record it (409 otherwise, nothing changed). "
            + "The approval gives the recorder an individual grant on the people, purpose legal-obligations, the categories asked "
            + "(and contact, to tell them), until the end of the deadline.")
    DisclosureView approve(@PathVariable("id") UUID id, Authentication authentication) {
        return view(disclosures.approve(id, actors.of(authentication).id()));
    }

    record AnswerView(DisclosureView disclosure, String link, String sha256, String expiresAt) {}

    @PostMapping("/{id}/answer")
    @Operation(summary = "Produce the answer", description = "By the DPO who recorded the request, once approved: each person's data in the "
            + "categories asked, read through the decision point (audited), as a JSON file. Answers its single-use link (given only "
            + "here, valid 7 days) and its SHA-256; tells each person by mail unless the request forbids it.")
    AnswerView answer(@PathVariable("id") UUID id, Authentication authentication) {
        DisclosureService.Answer answer = disclosures.answer(id, actors.of(authentication).id());
        return new AnswerView(view(answer.disclosure()), DisclosureAnswerLink.PATH + answer.secret(), answer.sha256(),
                answer.expiresAt().toString());
    }

    @ExceptionHandler(DisclosureService.DisclosureStateException.class)
    ProblemDetail conflict(DisclosureService.DisclosureStateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible for this disclosure");
        return problem;
    }
}
