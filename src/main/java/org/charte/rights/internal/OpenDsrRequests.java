package org.charte.rights.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rights requests exchanged over OpenDSR 2.0 (R9.5, R9.6). A request filed by an integration
 * is an ordinary rights request on the {@code api} channel: the person still proves who they are
 * with the code e-mailed to the address named, exactly as on every other channel, and the answer
 * goes to them, never to the integration. What OpenDSR adds is kept beside it: the requester's own
 * {@code subject_request_id}, who filed it (a token sees only its own), when, and a keyed hash of
 * what was asked, so that the same id again is the same request and another body with it a conflict.
 */
@Service
class OpenDsrRequests {

    /** The subject request types OpenDSR defines; Charte answers all three. */
    static final List<RequestType> TYPES = List.of(RequestType.ACCESS, RequestType.PORTABILITY, RequestType.ERASURE);

    /** What an integration asks, checked. */
    record Submission(UUID subjectRequestId, RequestType type, String email, Instant submittedTime, @Nullable String propertyId,
            List<String> statusCallbackUrls, Locale language) {

        /** Everything that makes two submissions the same request, in one string (hashed with a key, never stored). */
        String canonical() {
            return String.join("\n", subjectRequestId.toString(), type.code(), email, submittedTime.toString(),
                    propertyId == null ? "" : propertyId, String.join(" ", statusCallbackUrls), language.getLanguage());
        }
    }

    /** An OpenDSR request as stored beside its rights request. */
    record Filed(UUID subjectRequestId, UUID requestId, String requester, Instant submittedTime, Instant receivedTime,
            @Nullable String propertyId, List<String> statusCallbackUrls, @Nullable Instant cancelledTime) {}

    /** The request filed, or found again (the same id and body): {@code replayed}. */
    record Outcome(Filed filed, RightsRequest request, boolean replayed) {}

    /** The same subject_request_id with another body, or already used by another requester: nothing changed. */
    static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message);
        }
    }

    /** No OpenDSR request with this id that the caller may see: the same answer whether it exists or not. */
    static final class NotFoundException extends RuntimeException {
        NotFoundException() {
            super("no OpenDSR request with this subject_request_id");
        }
    }

    /** The request was answered or refused already: it cannot be cancelled. */
    static final class NotCancellableException extends RuntimeException {
        NotCancellableException() {
            super("the request was already answered; it can no longer be cancelled");
        }
    }

    private final RequestIntake intake;
    private final IdentityVerification verification;
    private final RequestStore store;
    private final JdbcClient jdbc;
    private final Vault vault;

    OpenDsrRequests(RequestIntake intake, IdentityVerification verification, RequestStore store, JdbcClient jdbc, Vault vault) {
        this.intake = intake;
        this.verification = verification;
        this.store = store;
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /**
     * Files the request on the {@code api} channel, received on the day the person submitted it
     * (the clock runs from the controller's receipt), and e-mails the person a verification code.
     * Whether anyone with that address is known plays no part: the answer is the same.
     */
    @Transactional
    Outcome file(Actor requester, Submission submission) {
        String hash = vault.blindIndex("opendsr-request", submission.canonical());
        Optional<Filed> existing = find(submission.subjectRequestId());
        if (existing.isPresent()) {
            return replay(requester, existing.get(), hash);
        }
        LocalDate receivedOn = LocalDate.ofInstant(submission.submittedTime(), Zones.PARIS);
        if (receivedOn.isAfter(store.today())) {
            receivedOn = store.today();
        }
        String details = "OpenDSR " + submission.subjectRequestId() + (submission.propertyId() == null ? "" : ", property_id " + submission.propertyId());
        RightsRequest request;
        try {
            request = intake.record(requester, new RightsRequests.NewRequest(submission.type(), RequestChannel.API, receivedOn,
                    new RightsRequests.Claimant(submission.email(), submission.email(), null, details), submission.language()));
            verification.sendCode(request.id(), requester);
        } catch (InvalidInputException e) {
            throw renamed(e);
        }
        Instant received = store.now();
        jdbc.sql("""
                INSERT INTO opendsr_request (subject_request_id, request_id, requester, body_hash, submitted_time, received_time,
                                             property_id, status_callback_urls)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(submission.subjectRequestId(), request.id(), requester.typedId(), hash, utc(submission.submittedTime()), utc(received),
                        submission.propertyId(), submission.statusCallbackUrls().isEmpty() ? null : String.join("\n", submission.statusCallbackUrls()))
                .update();
        return new Outcome(find(submission.subjectRequestId()).orElseThrow(), store.load(request.id()).orElseThrow(), false);
    }

    /** The same id again: the same request when the same requester sent the same body; otherwise a conflict. */
    Outcome replay(Actor requester, Filed filed, String hash) {
        String stored = jdbc.sql("SELECT body_hash FROM opendsr_request WHERE subject_request_id = ?").param(filed.subjectRequestId())
                .query(String.class).single();
        if (!filed.requester().equals(requester.typedId()) || !stored.equals(hash)) {
            throw new ConflictException("this subject_request_id was already used for another request; choose a new one");
        }
        return new Outcome(filed, store.load(filed.requestId()).orElseThrow(), true);
    }

    /** A request the caller may see: its own, or any for the DPO. */
    Outcome visible(Actor caller, boolean dpo, UUID subjectRequestId) {
        Filed filed = find(subjectRequestId).filter(f -> dpo || f.requester().equals(caller.typedId())).orElseThrow(NotFoundException::new);
        return new Outcome(filed, store.load(filed.requestId()).orElseThrow(), false);
    }

    /** Cancels a request not yet answered; a cancelled one stays cancelled (the same answer again). */
    @Transactional
    Outcome cancel(Actor caller, boolean dpo, UUID subjectRequestId) {
        Outcome outcome = visible(caller, dpo, subjectRequestId);
        if (outcome.request().status() == RequestStatus.CANCELLED) {
            return outcome;
        }
        if (!outcome.request().open()) {
            throw new NotCancellableException();
        }
        try {
            intake.cancel(caller, outcome.filed().requestId(), "OpenDSR cancellation of " + subjectRequestId);
        } catch (InvalidInputException e) {
            throw new NotCancellableException();
        }
        jdbc.sql("UPDATE opendsr_request SET cancelled_time = ? WHERE subject_request_id = ?").params(utc(store.now()), subjectRequestId).update();
        return visible(caller, dpo, subjectRequestId);
    }

    /** The request as it stands now. */
    Outcome outcome(Filed filed) {
        return new Outcome(filed, store.load(filed.requestId()).orElseThrow(), false);
    }

    /** The controller on whose behalf requests are made: its SIRET, digits only. */
    static String controllerId(Policy policy) {
        return policy.controller().siret().replaceAll("\\s", "");
    }

    Optional<Filed> find(UUID subjectRequestId) {
        return jdbc.sql("""
                SELECT subject_request_id, request_id, requester, submitted_time, received_time, property_id, status_callback_urls, cancelled_time
                FROM opendsr_request WHERE subject_request_id = ?""")
                .param(subjectRequestId)
                .query((rs, n) -> {
                    String urls = rs.getString("status_callback_urls");
                    OffsetDateTime cancelled = rs.getObject("cancelled_time", OffsetDateTime.class);
                    return new Filed(rs.getObject("subject_request_id", UUID.class), rs.getObject("request_id", UUID.class), rs.getString("requester"),
                            rs.getObject("submitted_time", OffsetDateTime.class).toInstant(), rs.getObject("received_time", OffsetDateTime.class).toInstant(),
                            rs.getString("property_id"), urls == null ? List.of() : Arrays.asList(urls.split("\n")),
                            cancelled == null ? null : cancelled.toInstant());
                }).optional();
    }

    /** OpenDSR's status: pending until the person proves who they are, then in progress, completed or cancelled. */
    static String status(RightsRequest request) {
        if (request.status() == RequestStatus.CANCELLED) {
            return "cancelled";
        }
        if (!request.open()) {
            return "completed";
        }
        return request.verifiedAt() == null ? "pending" : "in_progress";
    }

    /** When the answer is expected: the end of the due day (Paris) while open; when it was closed, once closed. */
    Instant expectedCompletion(RightsRequest request) {
        if (!request.open() && request.closedAt() != null) {
            return request.closedAt();
        }
        return request.clock().dueOn(store.today()).atTime(LocalTime.of(23, 59, 59)).atZone(Zones.PARIS).toInstant();
    }

    LocalDate today() {
        return store.today();
    }

    Instant now() {
        return store.now();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** The rights module names its fields its own way; an integration knows OpenDSR's names. */
    private static InvalidInputException renamed(InvalidInputException e) {
        Map<String, String> names = Map.of("email", "subject_identities", "name", "subject_identities", "receivedOn", "submitted_time",
                "details", "property_id", "code", "subject_identities");
        return new InvalidInputException(e.errors().stream()
                .map(f -> new FieldError(names.getOrDefault(f.field(), f.field()), f.message())).toList());
    }
}
