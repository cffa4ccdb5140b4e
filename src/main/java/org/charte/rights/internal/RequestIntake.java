package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.rights.internal.RightsRequests.NewRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intake of rights requests (R9.5): made online on the privacy centre (a verification code goes
 * out at once), or received by post, e-mail or an integration and recorded by staff with their day
 * of receipt; what the person gave, opened for staff under the audit log; and a request withdrawn
 * by whoever sent it. Each is one transaction on the request, recorded in its history.
 */
@Service
class RequestIntake {

    private final RequestStore store;
    private final ClaimantChecks checks;
    private final IdentityVerification verification;
    private final RightsMails mails;
    private final AuditLog audit;

    RequestIntake(RequestStore store, ClaimantChecks checks, IdentityVerification verification, RightsMails mails, AuditLog audit) {
        this.store = store;
        this.checks = checks;
        this.verification = verification;
        this.mails = mails;
        this.audit = audit;
    }

    /**
     * A request made on the privacy centre, received today. A verification code is e-mailed to the
     * address given, whether or not anyone with that address is known: nothing tells the two apart.
     */
    @Transactional
    public RightsRequest receiveOnline(RequestType type, Claimant claimant, Locale language) {
        Claimant checked = ClaimantChecks.checked(type, claimant, true);
        checks.fields(type, checked);
        RightsRequest request = store.insert(type, RequestChannel.WEB, language(language), store.today(), checked, Steps.SYSTEM);
        store.step(request.id(), Steps.SYSTEM, "received", null);
        verification.issueCode(request, checked, Steps.SYSTEM);
        return request;
    }

    /** A request received by post, e-mail or API, recorded by a member of staff (DPO or ADV). */
    @Transactional
    public RightsRequest record(Actor staff, NewRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.channel() == RequestChannel.WEB) {
            errors.add(new FieldError("channel", "requests made online are made on the privacy centre; record post, email or api"));
        }
        if (request.receivedOn() == null) {
            errors.add(new FieldError("receivedOn", "give the day the request was received"));
        } else if (request.receivedOn().isAfter(store.today())) {
            errors.add(new FieldError("receivedOn", "must not be in the future"));
        } else if (request.receivedOn().isBefore(store.today().minusYears(1))) {
            errors.add(new FieldError("receivedOn", "must be within the last year"));
        }
        Claimant checked = null;
        try {
            checked = ClaimantChecks.checked(request.type(), request.claimant(), false);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (checked != null) {
            try {
                checks.fields(request.type(), checked);
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        }
        InvalidInputException.throwIfAny(errors);
        RightsRequest recorded = store.insert(request.type(), request.channel(), language(request.language()), request.receivedOn(), checked,
                staff.typedId());
        store.step(recorded.id(), staff.typedId(), "recorded", null);
        audit.append(AuditEvent.allowed(staff.typedId(), "create", PersonalFiles.PURPOSE, "rights-request", recorded.id().toString(), null,
                List.of("identity", "contact")));
        return recorded;
    }

    /** What the person gave, opened for a member of staff, and recorded in the audit log. */
    public Claimant claimant(Actor staff, UUID requestId) {
        RightsRequest request = store.load(requestId).orElseThrow(() -> new InvalidInputException("id", "no such request", "rights.problem.no-request"));
        audit.append(AuditEvent.allowed(staff.typedId(), "read", PersonalFiles.PURPOSE, "rights-request", request.id().toString(),
                request.subjectId(), List.of("identity", "contact")));
        return store.claimant(requestId);
    }

    /**
     * Cancels a request not yet answered, at the wish of whoever sent it (an integration, OpenDSR)
     * or of the person: closed as {@code cancelled}, recorded in its history with the reason, the
     * person told by mail when there is an address; a code sent for it is no longer accepted.
     * Cancelling a cancelled request again changes nothing.
     *
     * @throws org.charte.common.InvalidInputException (field {@code status}) when it was already answered or refused
     */
    @Transactional
    public RightsRequest cancel(Actor actor, UUID requestId, @Nullable String reason) {
        RightsRequest request = store.locked(requestId);
        if (request.status() == RequestStatus.CANCELLED) {
            return request;
        }
        Steps.openOnly(request);
        String note = reason == null || reason.isBlank() ? null : Steps.required("reason", reason, Steps.TEXT_MAX);
        store.close(requestId, RequestStatus.CANCELLED, "cancelled", actor.typedId());
        store.step(requestId, actor.typedId(), "cancelled", note);
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() != null) {
            Locale locale = RightsMails.locale(request);
            mails.send(claimant.email(), request, "cancelled", List.of(mails.text("rights.mail.cancelled.body", locale,
                    mails.text("rights.type." + request.type().code(), locale))));
        }
        return store.load(requestId).orElseThrow();
    }

    private static String language(@Nullable Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "fr";
    }
}
