package org.charte.rights.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.common.FreeText;
import org.charte.common.InvalidInputException;
import org.charte.common.Plausible;
import org.charte.common.SingleLine;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rights requests received by post, e-mail or an integration (R9.5), and the DPO's view of their clocks (R9.7). */
@RestController
class RightsApi {

    private final RequestIntake intake;
    private final CurrentActor actors;
    private final RequestStore store;

    RightsApi(RequestIntake intake, CurrentActor actors, RequestStore store) {
        this.intake = intake;
        this.actors = actors;
        this.store = store;
    }

    /** A request as recorded: a name, an e-mail or a postal address to answer to, the day it was received. */
    record NewRequestBody(@Nullable @Size(max = 20) String type, @Nullable @Size(max = 10) String channel,
            @Nullable @Plausible LocalDate receivedOn, @Nullable @Size(max = Steps.NAME_MAX) @SingleLine String name,
            @Nullable @Size(max = 254) @SingleLine String email, @Nullable @Size(max = 500) @FreeText String postalAddress,
            @Nullable @Size(max = Steps.TEXT_MAX) @FreeText String details,
            @Nullable @Size(max = 2) @Pattern(regexp = "fr|en", message = Languages.MESSAGE) String language) {}

    /** A request and its clock, as of today. */
    record RequestView(UUID id, String reference, String type, String channel, String language, LocalDate receivedOn, String status,
            @Nullable UUID subjectId, LocalDate dueOn, LocalDate firstMonthEnds, boolean extended, boolean suspended, String state,
            long daysLeft, @Nullable String outcome) {

        static RequestView of(RightsRequest r, LocalDate today) {
            return new RequestView(r.id(), r.reference(), r.type().code(), r.channel().code(), r.language(), r.receivedOn(), r.status().code(),
                    r.subjectId(), r.clock().dueOn(today), r.clock().firstMonthEnds(today), r.clock().extended(), r.clock().suspended(),
                    r.state(today).name().toLowerCase(Locale.ROOT).replace('_', '-'), r.clock().daysLeft(today), r.outcome());
        }
    }

    @PostMapping("/api/v1/rights-requests")
    @ResponseStatus(HttpStatus.CREATED)
    /** Record a request received by post, e-mail or an integration, with the day it was received (DPO, sales administration). */
    RequestView record(@Valid @RequestBody(required = false) @Nullable NewRequestBody body, Authentication authentication) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        RequestType type = body.type() == null ? null : RequestType.ofCode(body.type()).orElse(null);
        RequestChannel channel = body.channel() == null ? null : RequestChannel.ofCode(body.channel()).orElse(null);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (type == null) {
            errors.add(new InvalidInputException.FieldError("type", "must be one of access, rectification, erasure, restriction, objection, portability, post-mortem"));
        }
        if (channel == null) {
            errors.add(new InvalidInputException.FieldError("channel", "must be one of post, email, api"));
        }
        InvalidInputException.throwIfAny(errors);
        RightsRequest recorded = intake.record(actors.of(authentication), new RightsRequests.NewRequest(type, channel, body.receivedOn(),
                new RightsRequests.Claimant(body.name() == null ? "" : body.name(), body.email(), body.postalAddress(), body.details()),
                Languages.of(body.language())));
        return RequestView.of(recorded, store.today());
    }

    @GetMapping("/api/v1/rights-requests")
    /** Open requests, the soonest due first, each with its clock (DPO). */
    List<RequestView> open() {
        LocalDate today = store.today();
        return store.open().stream().map(r -> RequestView.of(r, today)).toList();
    }

    @GetMapping("/api/v1/rights-requests/{id}")
    /** One request and its clock (DPO). */
    RequestView one(@PathVariable UUID id) {
        return RequestView.of(store.load(id).orElseThrow(UnknownRequestException::new), store.today());
    }
}
