package org.charte.cookies.internal;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.cookies.AllowedOrigins;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The first-party audience beacon (R3.4, L8): consent.js posts each page view here, without sign-in,
 * session or cookie: consent.js sends a CORS-simple request (JSON in a text/plain body, to
 * {@code /consent/v1/beacon/script}, so that no preflight is needed), other callers application/json. Without a consent id it is exempt measurement; with one, the consented mode, if that id's
 * latest choice on record accepts audience measurement (else only what exempt measurement keeps is
 * kept). 204 means committed (a group commit: the request waits for it). Bad input is a 400 problem+json naming each field, never echoing it,
 * and no log line holds what was sent; a saturated writer answers 503 at once.
 */
@RestController
@Tag(name = "Audience beacon", description = "Page views from consent.js: exempt audience measurement, or with consent to audience measurement.")
class NavigationBeaconApi {

    /** The most bytes a beacon may hold. */
    static final int MAX_BODY = 4096;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String WRONG_TYPE = "has the wrong type or shape";

    private final NavigationData navigation;
    private final InputChecks checks;

    NavigationBeaconApi(NavigationData navigation, InputChecks checks) {
        this.navigation = navigation;
        this.checks = checks;
    }

    /** A page view as consent.js posts it; its constraints (published in the OpenAPI document) are checked by {@link BeaconChecks}. */
    record BeaconBody(
            @NotNull @Size(max = BeaconChecks.SITE_MAX) @Pattern(regexp = BeaconChecks.SITE_TEXT, message = BeaconChecks.SITE_MESSAGE) String site,
            @NotNull @Size(max = BeaconChecks.PAGE_MAX) @Pattern(regexp = BeaconChecks.PAGE_TEXT, message = BeaconChecks.PAGE_MESSAGE) String page,
            @Nullable @Size(max = BeaconChecks.REFERRER_MAX) @Pattern(regexp = BeaconChecks.REFERRER_TEXT, message = BeaconChecks.REFERRER_MESSAGE) String referrer,
            @Nullable @Size(max = BeaconChecks.CONSENT_ID_MAX) @Pattern(regexp = BeaconChecks.UUID_TEXT, message = BeaconChecks.UUID_MESSAGE) String consentId) {}

    @PostMapping(value = "/consent/v1/beacon", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a page view (R3.4, L8): no sign-in, no cookie; 204 once committed",
            description = "site (origin), page (path; a query or fragment is cut off), referrer (optional) and consentId (only with consent "
                    + "to audience measurement). Exempt mode keeps no IP address: the day's salted hash of the visitor, the country of the "
                    + "truncated address, the browser and system names, the referring site for an entry page. Consented mode (the consent "
                    + "id's latest choice accepts audience measurement) keeps what the policy lists: IP address, operating system, browser "
                    + "and their versions (Yauaa), date and time, referrer, page, under the consent id. consent.js posts the same JSON as "
                    + "text/plain to /consent/v1/beacon/script (a CORS-simple request: no preflight). Page views posted at the same moment "
                    + "are committed together (group commit); 503 when the writer is saturated or that commit failed (nothing kept: post it again).")
    @ApiResponse(responseCode = "204", description = "Committed")
    void beacon(@RequestBody(required = false) @Nullable BeaconBody body, HttpServletRequest request, HttpServletResponse response) {
        store(body, request, response);
    }

    /**
     * The same, as consent.js sends it: JSON in a text/plain body, at most {@link #MAX_BODY} bytes; left out of the API's
     * document. Lean on purpose, the busiest open door with the proofs of choices (bench/RESULTS.md, beacon): the body read
     * token by token by Jackson's parser (as Jackson's data binding would read it into {@link BeaconBody}, without its
     * per-call reflection) and checked by {@link BeaconChecks}, the 204 set on the response, without Spring MVC's message
     * conversion, content negotiation or Bean Validation on the way; what the caller sees is as before.
     */
    @Hidden
    @PostMapping(value = "/consent/v1/beacon/script", consumes = MediaType.TEXT_PLAIN_VALUE)
    void fromScript(HttpServletRequest request, HttpServletResponse response) throws IOException {
        store(parse(request.getInputStream().readAllBytes()), request, response); // at most 16 KB: ApiRequests refused more before
    }

    /**
     * Checks, queues and waits for the commit in the request's own thread (as the proofs of choices do): an asynchronous
     * answer would go through the filters and the dispatcher a second time, which cost more than the wait, a few
     * milliseconds of group commit during which the thread holds no connection.
     */
    private void store(@Nullable BeaconBody beacon, HttpServletRequest request, HttpServletResponse response) {
        if (beacon == null) {
            InputChecks.throwIfAny(checks.violations(null));
            return;
        }
        InputChecks.throwIfAny(BeaconChecks.violations(beacon));
        if (!AllowedOrigins.sentFrom(beacon.site(), request.getHeader("Origin"))) {
            throw new InvalidInputException("site", ConsentApi.SITE_NOT_SENDER);
        }
        awaitStored(receive(navigation, beacon, request));
        response.setStatus(HttpStatus.NO_CONTENT.value());
    }

    /** Hands a view whose checks passed to the ingestion, with the request's address and User-Agent: see {@link NavigationData#receive}. */
    static @Nullable CompletableFuture<Void> receive(NavigationData navigation, BeaconBody beacon, HttpServletRequest request) {
        InetAddress address;
        try {
            address = InetAddress.getByName(request.getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the servlet container gave no address literal", e);
        }
        return navigation.receive(new NavigationData.Beacon(beacon.site(), beacon.page(), beacon.referrer(),
                beacon.consentId() == null ? null : UUID.fromString(beacon.consentId())), address, request.getHeader("User-Agent"));
    }

    /**
     * Waits for the view's commit.
     *
     * @throws NotStoredException when the writer was saturated ({@code null}) or the commit failed
     */
    static void awaitStored(@Nullable CompletableFuture<Void> stored) {
        if (stored == null) {
            throw new NotStoredException();
        }
        try {
            stored.join(); // not interruptible: the request learns the outcome, whatever it is
        } catch (CompletionException | CancellationException failed) {
            throw new NotStoredException();
        }
    }

    /** The view was not stored (the writer's queue full, or its batch's commit failed): nothing of it kept, it may be posted again. */
    static final class NotStoredException extends RuntimeException {
        NotStoredException() {
            super("the page view was not recorded", null, false, false);
        }
    }

    @ExceptionHandler(NotStoredException.class)
    ResponseEntity<ProblemDetail> unavailable(NotStoredException e) {
        return notStored();
    }

    /** The answer to a view that was not stored (here and at {@link BeaconDoor}). */
    static ResponseEntity<ProblemDetail> notStored() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "the page view was not recorded: try later");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The body read as Jackson's data binding reads it into {@link BeaconBody} (unknown fields ignored, anything after the
     * object refused, a number or boolean taken as its text, an array or object where a text belongs refused, naming the field),
     * token by token: the binding's record creation (reflection for each call) cost more than the rest of the reading.
     */
    static BeaconBody parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidInputException("body", "is required: a JSON object");
        }
        if (body.length > MAX_BODY) {
            throw new InvalidInputException("body", "must be at most " + MAX_BODY + " bytes");
        }
        try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
            JsonToken first = json.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                throw new InvalidInputException("body", "must be a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body", WRONG_TYPE);
            }
            String site = null;
            String page = null;
            String referrer = null;
            String consentId = null;
            for (JsonToken token = json.nextToken(); token == JsonToken.PROPERTY_NAME; token = json.nextToken()) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "site" -> site = text(json, value, name);
                    case "page" -> page = text(json, value, name);
                    case "referrer" -> referrer = text(json, value, name);
                    case "consentId" -> consentId = text(json, value, name);
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) { // Jackson 3's binding refuses what follows the object (a malformed rest: the catch below)
                throw new InvalidInputException("body", WRONG_TYPE);
            }
            return new BeaconBody(site, page, referrer, consentId);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "must be a JSON object with site, page, and optionally referrer and consentId");
        }
    }

    /** A field's text: a string, or a number's or boolean's text; null for null; an array or object is refused. */
    private static @Nullable String text(JsonParser json, JsonToken value, String field) {
        return switch (value) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> json.getString();
            case VALUE_NULL -> null;
            default -> throw new InvalidInputException(field, WRONG_TYPE);
        };
    }
}
