package org.charte.subjects.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.Purpose;
import org.charte.common.FreeText;
import org.charte.common.InvalidInputException;
import org.charte.common.Plausible;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SensitiveCategory;
import org.charte.subjects.Subject;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.vault.ShreddedException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prospects and clients over JSON. Every call names its purpose and goes through the decision
 * point inside {@link Subjects} (allowed or refused, it is in the audit log): a signed-in person
 * reads and changes a person's data only under a grant in force; an integration token (scopes
 * {@code subjects:write} to create, {@code subjects:read} to search) may record new people but
 * never read one.
 */
@RestController
@RequestMapping("/api/v1/subjects")
@Tag(name = "Subjects", description = "Prospects and clients: identity, contacts and other information, sealed under each person's own key. "
        + "Every call names a purpose of the policy and is decided and audited.")
class SubjectsApi {

    private final Subjects subjects;
    private final CurrentActor actors;

    SubjectsApi(Subjects subjects, CurrentActor actors) {
        this.subjects = subjects;
        this.actors = actors;
    }

    /** A new person as posted: status by its code, parts as in the answers. */
    record NewSubjectBody(@Nullable @Size(max = 64) String purpose, @Nullable @Size(max = 20) String status, @Nullable Identity identity,
            @Nullable Contacts contacts, @Nullable @Size(max = PersonalDataRules.MAX_OTHER_INFORMATION) @FreeText String otherInformation,
            @Nullable @Plausible LocalDate lastContactOn) {}

    record CreatedBody(UUID id, String status, LocalDate lastContactOn, List<String> redacted) {}

    record SubjectBody(UUID id, String status, LocalDate lastContactOn, @Nullable LocalDate contractEndedOn, Set<String> categories,
            @Nullable Identity identity, @Nullable Contacts contacts, @Nullable String otherInformation) {

        static SubjectBody of(Subject s) {
            return new SubjectBody(s.id(), s.status().code(), s.lastContactOn(), s.contractEndedOn(), new TreeSet<>(s.categories()),
                    s.identity(), s.contacts(), s.otherInformation());
        }
    }

    record FoundBody(UUID id, String status, LocalDate lastContactOn, boolean readable, @Nullable SubjectBody subject) {}

    record SearchBody(List<FoundBody> results) {}

    @PostMapping
    @Operation(summary = "Record a new prospect or client",
            description = "Action CREATE for the purpose given (default: loyalty-prospecting for a prospect, subscription-contract for an "
                    + "active client), on the categories the data fills. E-mails are stored in lower case, phones in E.164, French "
                    + "postal codes and communes checked against the official list; sensitive data is refused in names and addresses "
                    + "and redacted from otherInformation ('redacted' lists the categories, never the words). Every invalid field is "
                    + "named in a 400 problem. Send an Idempotency-Key header to retry safely.")
    ResponseEntity<CreatedBody> create(@Valid @RequestBody NewSubjectBody body, Authentication authentication) {
        SubjectStatus status = body.status() == null || body.status().isBlank() ? SubjectStatus.PROSPECT
                : SubjectStatus.ofCode(body.status().strip())
                        .orElseThrow(() -> new InvalidInputException("status", "must be prospect, client-active or client-inactive"));
        Subjects.Created created = subjects.create(actors.of(authentication), body.purpose(),
                new Subjects.NewSubject(status, new PersonalData(body.identity(), body.contacts(), body.otherInformation()), body.lastContactOn()));
        return ResponseEntity.created(URI.create("/api/v1/subjects/" + created.id())).body(new CreatedBody(created.id(), created.status().code(),
                created.lastContactOn(), created.redacted().stream().map(SensitiveCategory::code).sorted().toList()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a person's data for a purpose",
            description = "Action READ: allowed only under a grant in force for this purpose, these categories and this person. "
                    + "Without 'categories', identity and contact as far as the purpose uses them.")
    SubjectBody read(@PathVariable("id") UUID id,
            @Parameter(description = "the policy purpose of this access, e.g. customer-service") @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Parameter(description = "some of identity, contact, other-information, comma-separated") @RequestParam(name = "categories", required = false) @Nullable String categories,
            Authentication authentication) {
        String chosen = required(purpose);
        return SubjectBody.of(categories == null || categories.isBlank() ? subjects.read(actors.of(authentication), chosen, id)
                : subjects.read(actors.of(authentication), chosen, categoryList(categories), id));
    }

    record ChangeBody(@Nullable Identity identity, @Nullable Contacts contacts, @Nullable @Size(max = PersonalDataRules.MAX_OTHER_INFORMATION) @FreeText String otherInformation) {}

    @PatchMapping("/{id}")
    @Operation(summary = "Rectify a person's data",
            description = "Action WRITE on the categories changed: each part given (identity, contacts, otherInformation) replaces the "
                    + "stored one; an empty otherInformation clears it. Answers the parts written, as stored.")
    SubjectBody update(@PathVariable("id") UUID id,
            @Parameter(description = "the policy purpose of this change") @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Valid @RequestBody ChangeBody body, Authentication authentication) {
        return SubjectBody.of(subjects.update(actors.of(authentication), required(purpose), id,
                new Subjects.Change(body.identity(), body.contacts(), body.otherInformation())));
    }

    @GetMapping
    @Operation(summary = "Find people by e-mail, phone or last name",
            description = "Through blind indexes: no e-mail, phone or name is stored in clear. Each match is decided (READ, for the "
                    + "purpose): its data is shown only when allowed, otherwise only its id, status and last contact.")
    SearchBody search(@RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestParam(name = "email", required = false) @Nullable String email,
            @RequestParam(name = "phone", required = false) @Nullable String phone,
            @RequestParam(name = "name", required = false) @Nullable String name, Authentication authentication) {
        List<Subjects.Found> found = subjects.search(actors.of(authentication), required(purpose), new Subjects.Criteria(email, phone, name));
        return new SearchBody(found.stream().map(f -> new FoundBody(f.id(), f.status().code(), f.lastContactOn(), f.subject() != null,
                f.subject() == null ? null : SubjectBody.of(f.subject()))).toList());
    }

    /** The purpose named, its shape checked once ({@link Purpose}); whether the policy has it, the decision point decides. */
    private static String required(@Nullable String purpose) {
        return Purpose.of(purpose).code();
    }

    private static Set<String> categoryList(String categories) {
        Set<String> list = new LinkedHashSet<>();
        Arrays.stream(categories.split(",")).map(String::strip).filter(c -> !c.isEmpty()).forEach(list::add);
        return list;
    }

    /** The person was erased: their key is gone and their data with it. */
    @ExceptionHandler(ShreddedException.class)
    ProblemDetail erased(ShreddedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "This person's data has been erased.");
        problem.setTitle("Erased");
        return problem;
    }
}
