package org.charte.subjects.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.RecipientNotices;
import org.charte.common.FreeText;
import org.charte.common.InvalidInputException;
import org.charte.common.Plausible;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostMortem;
import org.charte.subjects.Rectifications;
import org.charte.subjects.SensitiveCategory;
import org.charte.subjects.Subjects;
import org.charte.vault.ShreddedException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
 * Rights over a person's own data that the subjects module carries out (R9.1, R9.4, L5):
 * rectification with the recipients told, post-mortem directives, a death notified. Each call is
 * decided and audited for the purpose {@code rights-requests}: the DPO, who alone has that purpose.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Rights over a person's data", description = "Rectification (Art. 16, 19) and post-mortem directives (loi 78-17 art. 85), "
        + "for the purpose rights-requests.")
class SubjectRightsApi {

    private final Rectifications rectifications;
    private final PostMortem postMortem;
    private final CurrentActor actors;

    SubjectRightsApi(Rectifications rectifications, PostMortem postMortem, CurrentActor actors) {
        this.rectifications = rectifications;
        this.postMortem = postMortem;
        this.actors = actors;
    }

    record RectificationBody(@Nullable Identity identity, @Nullable Contacts contacts,
            @Nullable @Size(max = PersonalDataRules.MAX_OTHER_INFORMATION) @FreeText String otherInformation,
            @Nullable @Size(max = 100) String reference) {}

    record RectifiedBody(UUID subjectId, List<String> changedFields, List<String> redacted, List<RecipientNotices.Notice> recipientsTold) {}

    @PostMapping("/subjects/{id}/rectifications")
    @Operation(summary = "Rectify, complete or update a person's data at their request",
            description = "A WRITE for rights-requests (under a grant): validated and screened like any change; answers the names of "
                    + "the fields that changed (never their values) and the recipients recorded as told (Art. 19).")
    RectifiedBody rectify(@PathVariable("id") UUID id, @Valid @RequestBody @Nullable RectificationBody body, Authentication authentication) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        Rectifications.Rectified done = rectifications.rectify(actors.of(authentication), id,
                new Subjects.Change(body.identity(), body.contacts(), body.otherInformation()), body.reference());
        return new RectifiedBody(done.subjectId(), done.changedFields(),
                done.redacted().stream().map(SensitiveCategory::code).sorted().toList(), done.recipientsTold());
    }

    record DirectivesBody(@Nullable @Size(max = 40) String choice, PostMortem.@Nullable TrustedPerson trustedPerson,
            @Nullable @Size(max = JdbcPostMortem.TEXT_MAX) @FreeText String text) {}

    record VersionBody(UUID id, int version, String choice, String recordedAt, String recordedBy, @Nullable String supersededAt) {

        static VersionBody of(PostMortem.Version v) {
            return new VersionBody(v.id(), v.version(), v.choice().code(), v.recordedAt().toString(), v.recordedBy(),
                    v.supersededAt() == null ? null : v.supersededAt().toString());
        }
    }

    record CurrentBody(@Nullable UUID id, @Nullable Integer version, @Nullable String choice, PostMortem.@Nullable TrustedPerson trustedPerson,
            @Nullable String text, @Nullable LocalDate deceasedOn, List<VersionBody> history) {}

    @PutMapping("/subjects/{id}/post-mortem-directives")
    @Operation(summary = "Record a person's post-mortem directives (a new current version)",
            description = "choice: erase-all, communicate-to-trusted-person (trustedPerson required: name and e-mail or postal address) "
                    + "or keep-as-required-by-law; text: free, screened for sensitive data. Sealed under the person's key.")
    VersionBody directives(@PathVariable("id") UUID id, @Valid @RequestBody @Nullable DirectivesBody body, Authentication authentication) {
        PostMortem.Choice choice = PostMortem.Choice.ofCode(body == null || body.choice() == null ? null : body.choice().strip())
                .orElseThrow(() -> new InvalidInputException("choice", "must be erase-all, communicate-to-trusted-person or keep-as-required-by-law"));
        return VersionBody.of(postMortem.record(actors.of(authentication), id,
                new PostMortem.NewDirectives(choice, body.trustedPerson(), body.text())));
    }

    @GetMapping("/subjects/{id}/post-mortem-directives")
    @Operation(summary = "A person's current directives (a READ for rights-requests, under a grant), and every version's date")
    CurrentBody currentDirectives(@PathVariable("id") UUID id, Authentication authentication) {
        PostMortem.Directives current = postMortem.current(actors.of(authentication), id).orElse(null);
        List<VersionBody> history = postMortem.history(id).stream().map(VersionBody::of).toList();
        LocalDate deceased = postMortem.deceasedOn(id).orElse(null);
        return current == null ? new CurrentBody(null, null, null, null, null, deceased, history)
                : new CurrentBody(current.id(), current.version(), current.choice().code(), current.trustedPerson(), current.text(), deceased,
                        history);
    }

    record DeathBody(@Nullable @Plausible LocalDate diedOn, @Nullable @Size(max = 30) String source) {}

    record ActionBody(UUID id, UUID subjectId, String kind, String status, @Nullable UUID directiveId, String createdAt,
            @Nullable String doneAt) {

        static ActionBody of(PostMortem.Action a) {
            return new ActionBody(a.id(), a.subjectId(), code(a.kind()), code(a.status()), a.directiveId(), a.createdAt().toString(),
                    a.doneAt() == null ? null : a.doneAt().toString());
        }
    }

    record NotifiedBody(UUID subjectId, LocalDate diedOn, @Nullable String directive, List<ActionBody> actions) {}

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @PostMapping("/subjects/{id}/death-notification")
    @Operation(summary = "Record a person's death and apply their directives",
            description = "source: family, notary, civil-registry, trusted-person or other. The person is marked deceased, their "
                    + "processing restricted, and the directives' outcome recorded as pending actions; DeathNotified is published.")
    ResponseEntity<NotifiedBody> death(@PathVariable("id") UUID id, @Valid @RequestBody @Nullable DeathBody body, Authentication authentication) {
        String source = body == null || body.source() == null ? "" : body.source().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        PostMortem.Source chosen = Arrays.stream(PostMortem.Source.values()).filter(s -> s.name().equals(source)).findFirst()
                .orElse(null);
        PostMortem.Notified notified = postMortem.notifyDeath(actors.of(authentication), id,
                new PostMortem.DeathNotice(body == null ? null : body.diedOn(), chosen));
        return ResponseEntity.created(URI.create("/api/v1/subjects/" + id + "/post-mortem-directives"))
                .body(new NotifiedBody(id, notified.diedOn(), notified.directive() == null ? null : notified.directive().code(),
                        notified.actions().stream().map(ActionBody::of).toList()));
    }

    record ActionList(List<ActionBody> actions) {}

    @GetMapping("/post-mortem-actions")
    @Operation(summary = "Post-mortem actions still to carry out, oldest first (the DPO)")
    ActionList pendingActions() {
        return new ActionList(postMortem.pendingActions().stream().map(ActionBody::of).toList());
    }

    @PostMapping("/post-mortem-actions/{id}/completion")
    @Operation(summary = "Mark a post-mortem action as carried out (the DPO)")
    ActionBody complete(@PathVariable("id") UUID id, Authentication authentication) {
        return ActionBody.of(postMortem.complete(id, actors.of(authentication).typedId()));
    }

    /** The person was erased: their key is gone and their data with it. */
    @ExceptionHandler(ShreddedException.class)
    ProblemDetail erased(ShreddedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "This person's data has been erased.");
        problem.setTitle("Erased");
        return problem;
    }
}
