package org.charte.marketing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.Purpose;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.marketing.Basis;
import org.charte.marketing.BasisKind;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.Choices;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.UnknownSubjectException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's marketing choices over JSON (R9.9, R9.10, L2, L5, L9). Every call names the purpose of
 * the access ({@code purpose}, e.g. {@code customer-service}); the decision point decides it on the
 * person's contact data and the audit log records it. Channels are {@code email}, {@code sms},
 * {@code phone}, {@code post}: any other (a push or in-app channel) is refused, naming the field (R9.10).
 */
@RestController
@RequestMapping("/api/v1/marketing/subjects/{id}")
@Tag(name = "Marketing", description = "A basis per person, channel and marketing purpose (consent with its proof, analogous offers, "
        + "job-related messages), objections without motive at once, the person's capacity; every change kept as history.")
class MarketingApi {

    /** Means only their own paths record: the suppression list, the one-click link, SMS STOP. */
    static final Set<Means> SYSTEM_MEANS = EnumSet.of(Means.SUPPRESSION_LIST, Means.ONE_CLICK, Means.SMS_STOP);

    private final MarketingChoices choices;
    private final CurrentActor actors;

    MarketingApi(MarketingChoices choices, CurrentActor actors) {
        this.choices = choices;
        this.actors = actors;
    }

    record BasisBody(UUID id, String channel, String marketingPurpose, String kind, String means, @Nullable String wording,
            @Nullable String reference, @Nullable String details, Instant recordedAt, LocalDate recordedOn, String recordedBy) {

        static BasisBody of(Basis b) {
            return new BasisBody(b.id(), b.channel().code(), b.purpose(), b.kind().code(), b.means().code(), b.wording(), b.reference(),
                    b.details(), b.recordedAt(), b.recordedOn(), b.recordedBy());
        }
    }

    record CapacityBody(UUID id, String capacity, Instant recordedAt, String recordedBy) {

        static CapacityBody of(CapacityChange c) {
            return new CapacityBody(c.id(), c.capacity().code(), c.recordedAt(), c.recordedBy());
        }
    }

    record ChoicesBody(UUID subjectId, String capacity, List<CapacityBody> capacityHistory, List<BasisBody> current, List<BasisBody> history,
            boolean otherTimesConsented, List<CallHoursApi.CallHoursBody> callHours) {}

    record ConsentBody(@Nullable @Size(max = 10) String channel, @Nullable @Size(max = 64) String marketingPurpose,
            @Nullable @Size(max = 20) String means, @Nullable @Size(max = MarketingChoices.MAX_CODE) String wording,
            @Nullable @Size(max = MarketingChoices.MAX_DETAILS) String details) {}

    record WithdrawalBody(@Nullable @Size(max = 10) String channel, @Nullable @Size(max = 64) String marketingPurpose,
            @Nullable @Size(max = 20) String means) {}

    record ObjectionBody(@Nullable @Size(max = 4) List<@Size(max = 10) String> channels, @Nullable @Size(max = 64) String marketingPurpose,
            @Nullable @Size(max = 20) String means, @Nullable @Size(max = MarketingChoices.MAX_CODE) String reference, @Nullable Boolean confirm) {}

    record NewBasisBody(@Nullable @Size(max = 10) String channel, @Nullable @Size(max = 64) String marketingPurpose,
            @Nullable @Size(max = 20) String kind, @Nullable @Size(max = 20) String means,
            @Nullable @Size(max = MarketingChoices.MAX_CODE) String wording, @Nullable @Size(max = MarketingChoices.MAX_DETAILS) String details) {}

    record NewCapacityBody(@Nullable @Size(max = 20) String capacity) {}

    @GetMapping
    @Operation(summary = "A person's marketing choices", description = "Action READ on contact for the purpose given: the capacity and its "
            + "history, the current basis of each channel and purpose, and the whole history, oldest first; whether the person consented to be "
            + "called at other times than D223-9's (otherTimesConsented) and that consent's history (callHours, oldest first; L2).")
    ChoicesBody read(@PathVariable("id") UUID id, @Parameter(description = "the policy purpose of this access, e.g. customer-service")
            @RequestParam(name = "purpose", required = false) @Nullable String purpose, Authentication authentication) {
        Choices c = choices.choices(actors.of(authentication), purpose(purpose), id);
        return new ChoicesBody(c.subjectId(), c.capacity().code(), c.capacityHistory().stream().map(CapacityBody::of).toList(),
                c.current().stream().map(BasisBody::of).toList(), c.history().stream().map(BasisBody::of).toList(), c.otherTimesConsented(),
                c.callHours().stream().map(CallHoursApi.CallHoursBody::of).toList());
    }

    @PostMapping("/objections")
    @Operation(summary = "Record an objection received by phone, letter, e-mail or at the desk (R9.9)",
            description = "Without motive, at once (L5): on the channels given (none: all) for the marketing purpose given (none: all). "
                    + "The person's e-mails and phones go on the suppression list (L9); with confirm=true (the default) a confirmation is "
                    + "mailed when an e-mail is known. Answers the entries recorded (none when all stood objected already).")
    ResponseEntity<List<BasisBody>> object(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Valid @RequestBody ObjectionBody body, Authentication authentication) {
        List<FieldError> errors = new ArrayList<>();
        Set<MarketingChannel> channels = EnumSet.noneOf(MarketingChannel.class);
        List<String> codes = body.channels() == null ? List.of() : body.channels();
        for (int i = 0; i < codes.size(); i++) {
            MarketingChannel channel = channel(errors, "channels[" + i + "]", codes.get(i));
            if (channel != null) {
                channels.add(channel);
            }
        }
        Means means = means(errors, body.means());
        String marketingPurpose = body.marketingPurpose() == null || body.marketingPurpose().isBlank() ? null : body.marketingPurpose();
        InvalidInputException.throwIfAny(errors);
        List<Basis> recorded = choices.object(actors.of(authentication), purpose(purpose), id,
                new MarketingChoices.NewObjection(channels, marketingPurpose, means, body.reference()), !Boolean.FALSE.equals(body.confirm()));
        return ResponseEntity.status(HttpStatus.CREATED).body(recorded.stream().map(BasisBody::of).toList());
    }

    @PostMapping("/consents")
    @Operation(summary = "Record a consent with its proof (L9, L2)", description = "The wording is the code and version of the text shown "
            + "(e.g. newsletter-form-v3); means is form, phone or paper; details the page or the circumstances (sealed).")
    ResponseEntity<BasisBody> consent(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Valid @RequestBody ConsentBody body, Authentication authentication) {
        List<FieldError> errors = new ArrayList<>();
        MarketingChannel channel = channel(errors, "channel", body.channel());
        Means means = means(errors, body.means());
        InvalidInputException.throwIfAny(errors);
        Basis basis = choices.consent(actors.of(authentication), purpose(purpose), id,
                new MarketingChoices.NewConsent(channel, body.marketingPurpose(), means, body.wording(), body.details()));
        return ResponseEntity.status(HttpStatus.CREATED).body(BasisBody.of(basis));
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Withdraw a consent, at once (L5)")
    ResponseEntity<BasisBody> withdraw(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Valid @RequestBody WithdrawalBody body, Authentication authentication) {
        List<FieldError> errors = new ArrayList<>();
        MarketingChannel channel = channel(errors, "channel", body.channel());
        Means means = means(errors, body.means());
        InvalidInputException.throwIfAny(errors);
        return ResponseEntity.status(HttpStatus.CREATED).body(BasisBody.of(choices.withdraw(actors.of(authentication), purpose(purpose), id,
                channel, body.marketingPurpose(), means)));
    }

    @PostMapping("/bases")
    @Operation(summary = "Record a basis without consent (L9)", description = "kind analogous-offers for a client (the wording names the "
            + "notice that offered the objection at collection) or job-related for a professional. Refused where the person objected.")
    ResponseEntity<BasisBody> basis(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Valid @RequestBody NewBasisBody body, Authentication authentication) {
        List<FieldError> errors = new ArrayList<>();
        MarketingChannel channel = channel(errors, "channel", body.channel());
        Means means = means(errors, body.means());
        BasisKind kind = body.kind() == null ? null : BasisKind.fromCode(body.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("kind", "must be analogous-offers or job-related"));
        }
        InvalidInputException.throwIfAny(errors);
        return ResponseEntity.status(HttpStatus.CREATED).body(BasisBody.of(choices.record(actors.of(authentication), purpose(purpose), id,
                new MarketingChoices.NewBasis(channel, body.marketingPurpose(), kind, means, body.wording(), body.details()))));
    }

    @PutMapping("/capacity")
    @Operation(summary = "Record the person's capacity", description = "consumer or professional; kept with its history.")
    CapacityBody capacity(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @Valid @RequestBody NewCapacityBody body, Authentication authentication) {
        Capacity capacity = body.capacity() == null ? null : Capacity.fromCode(body.capacity()).orElse(null);
        if (capacity == null) {
            throw new InvalidInputException("capacity", "must be consumer or professional");
        }
        return CapacityBody.of(choices.recordCapacity(actors.of(authentication), purpose(purpose), id, capacity));
    }

    private static String purpose(@Nullable String purpose) {
        return Purpose.of(purpose).code();
    }

    /** A channel by its code; a push or in-app channel is no channel here (R9.10). */
    private static @Nullable MarketingChannel channel(List<FieldError> errors, String field, @Nullable String code) {
        MarketingChannel channel = code == null ? null : MarketingChannel.fromCode(code).orElse(null);
        if (channel == null) {
            errors.add(new FieldError(field, "must be email, sms, phone or post (no solicitation through the mobile apps, R9.10)"));
        }
        return channel;
    }

    private static @Nullable Means means(List<FieldError> errors, @Nullable String code) {
        Means means = code == null ? null : Means.fromCode(code).orElse(null);
        if (means == null || SYSTEM_MEANS.contains(means)) {
            errors.add(new FieldError("means", "must be form, phone, paper, letter, desk, email or privacy-centre"));
            return null;
        }
        return means;
    }

    @ExceptionHandler(UnknownSubjectException.class)
    ProblemDetail unknown(UnknownSubjectException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No person has this id.");
        problem.setTitle("Not found");
        return problem;
    }
}
