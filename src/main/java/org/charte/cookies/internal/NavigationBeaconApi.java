package org.charte.cookies.internal;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.cookies.AllowedOrigins;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first-party audience beacon (R3.4, L8): consent.js posts each page view here, without sign-in,
 * session or cookie: consent.js sends a CORS-simple request (JSON in a text/plain body, to
 * {@code /consent/v1/beacon/script}, so that no preflight is needed), other callers application/json. Without a consent id it is exempt measurement; with one, the consented mode, if that id's
 * latest choice on record accepts audience measurement (else only what exempt measurement keeps is
 * kept). 204 means committed. Bad input is a 400 problem+json naming each field, never echoing it,
 * and no log line holds what was sent; a saturated writer answers 503 at once.
 */
@RestController
@Tag(name = "Audience beacon", description = "Page views from consent.js: exempt audience measurement, or with consent to audience measurement.")
class NavigationBeaconApi {

    /** The most bytes a beacon may hold. */
    static final int MAX_BODY = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final NavigationData navigation;
    private final InputChecks checks;

    NavigationBeaconApi(NavigationData navigation, InputChecks checks) {
        this.navigation = navigation;
        this.checks = checks;
    }

    /** A page view as consent.js posts it. */
    record BeaconBody(
            @NotNull @Size(max = 255) @Pattern(regexp = "https?://[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?", message = "must be a site's origin: http(s)://host[:port]") String site,
            @NotNull @Size(max = 1024) @Pattern(regexp = "/[^\\s]*", message = "must be a path starting with /") String page,
            @Nullable @Size(max = 1024) @Pattern(regexp = "(https?://\\S+)?", message = "must be an http(s) address") String referrer,
            @Nullable @Size(max = 36) @Pattern(regexp = ConsentApi.UUID_TEXT, message = "must be a UUID") String consentId) {}

    @PostMapping(value = "/consent/v1/beacon", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a page view (R3.4, L8): no sign-in, no cookie; 204 once committed",
            description = "site (origin), page (path; a query or fragment is cut off), referrer (optional) and consentId (only with consent "
                    + "to audience measurement). Exempt mode keeps no IP address: the day's salted hash of the visitor, the country of the "
                    + "truncated address, the browser and system names, the referring site for an entry page. Consented mode (the consent "
                    + "id's latest choice accepts audience measurement) keeps what the policy lists: IP address, operating system, browser "
                    + "and their versions (Yauaa), date and time, referrer, page, under the consent id. consent.js posts the same JSON as "
                    + "text/plain to /consent/v1/beacon/script (a CORS-simple request: no preflight). 503 when the writer is saturated.")
    CompletableFuture<ResponseEntity<Object>> beacon(@RequestBody(required = false) @Nullable BeaconBody body,
            @RequestHeader(name = "User-Agent", required = false) @Nullable String userAgent, HttpServletRequest request) {
        return store(body, userAgent, request);
    }

    /** The same, as consent.js sends it: JSON in a text/plain body, at most {@link #MAX_BODY} bytes; left out of the API's document. */
    @Hidden
    @PostMapping(value = "/consent/v1/beacon/script", consumes = MediaType.TEXT_PLAIN_VALUE)
    CompletableFuture<ResponseEntity<Object>> fromScript(@RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "User-Agent", required = false) @Nullable String userAgent, HttpServletRequest request) {
        return store(parse(body), userAgent, request);
    }

    private CompletableFuture<ResponseEntity<Object>> store(@Nullable BeaconBody beacon, @Nullable String userAgent, HttpServletRequest request) {
        InputChecks.throwIfAny(checks.violations(beacon));
        if (!AllowedOrigins.sentFrom(beacon.site(), request.getHeader("Origin"))) {
            throw new InvalidInputException("site", ConsentApi.SITE_NOT_SENDER);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(request.getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the servlet container gave no address literal", e);
        }
        CompletableFuture<Void> stored = navigation.receive(new NavigationData.Beacon(beacon.site(), beacon.page(), beacon.referrer(),
                beacon.consentId() == null ? null : UUID.fromString(beacon.consentId())), address, userAgent);
        if (stored == null) {
            return CompletableFuture.completedFuture(unavailable());
        }
        return stored.handle((done, failed) -> failed == null ? ResponseEntity.noContent().build() : unavailable());
    }

    private static ResponseEntity<Object> unavailable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "the page view was not recorded: try later");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static BeaconBody parse(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "is required: a JSON object");
        }
        if (body.length > MAX_BODY) {
            throw new InvalidInputException("body", "must be at most " + MAX_BODY + " bytes");
        }
        try {
            BeaconBody beacon = JSON.readValue(body, BeaconBody.class);
            if (beacon == null) {
                throw new InvalidInputException("body", "must be a JSON object");
            }
            return beacon;
        } catch (DatabindException e) {
            String field = String.join(".", e.getPath().stream().map(r -> r.getPropertyName()).filter(n -> n != null).toList());
            throw new InvalidInputException(field.isEmpty() ? "body" : field, "has the wrong type or shape");
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "must be a JSON object with site, page, and optionally referrer and consentId");
        }
    }
}
