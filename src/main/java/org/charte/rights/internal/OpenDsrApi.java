package org.charte.rights.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenDSR 2.0 (R9.5, R9.6): integrations file access, portability and erasure requests,
 * follow their status and cancel them, in the specification's JSON shapes (snake_case). Charte
 * plays the part OpenDSR calls the processor: it receives the request, has the person prove who
 * they are (a code e-mailed to the address named) and answers the person directly; an
 * integration learns the status, never the person's data. Bad input is a 400 problem+json naming
 * each field by its OpenDSR name.
 */
@RestController
class OpenDsrApi {

    static final String API_VERSION = "2.0";
    /** How far in the future a submitted_time may be (clocks differ a little). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_CALLBACKS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final OpenDsrRequests openDsr;
    private final CurrentActor actors;
    private final Policy policy;
    private final OpenDsrSigningKey key;
    private final OpenDsrCallbacks callbacks;
    private final Links links;
    private final JsonMapper json;

    OpenDsrApi(OpenDsrRequests openDsr, CurrentActor actors, Policy policy, OpenDsrSigningKey key, OpenDsrCallbacks callbacks, Links links,
            JsonMapper json) {
        this.openDsr = openDsr;
        this.actors = actors;
        this.policy = policy;
        this.key = key;
        this.callbacks = callbacks;
        this.links = links;
        this.json = json;
    }

    record Identity(@JsonProperty("identity_type") String identityType, @JsonProperty("identity_format") String identityFormat) {}

    record Party(String name, @JsonProperty("controller_id") String controllerId, String address, String siret, String website,
            String email) {}

    record Dpo(String name, String email, String address) {}

    record Discovery(@JsonProperty("api_version") String apiVersion, @JsonProperty("supported_identities") List<Identity> supportedIdentities,
            @JsonProperty("supported_subject_request_types") List<String> supportedSubjectRequestTypes,
            @JsonProperty("supported_regulations") List<String> supportedRegulations, Party controller, Dpo dpo,
            @JsonProperty("policy_version") String policyVersion, @JsonProperty("identity_verification") String identityVerification,
            @JsonProperty("processor_certificate") String processorCertificate, @JsonProperty("processor_domain") String processorDomain,
            @JsonProperty("processor_key_id") String processorKeyId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Created(@JsonProperty("controller_id") String controllerId, @JsonProperty("subject_request_id") UUID subjectRequestId,
            @JsonProperty("received_time") Instant receivedTime, @JsonProperty("expected_completion_time") Instant expectedCompletionTime,
            @JsonProperty("encoded_request") String encodedRequest, @JsonProperty("request_status") String requestStatus,
            @JsonProperty("api_version") String apiVersion, @JsonProperty("processor_signature") @Nullable String processorSignature) {

        Created signed(String signature) {
            return new Created(controllerId, subjectRequestId, receivedTime, expectedCompletionTime, encodedRequest, requestStatus, apiVersion,
                    signature);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(@JsonProperty("controller_id") String controllerId, @JsonProperty("subject_request_id") UUID subjectRequestId,
            @JsonProperty("subject_request_type") String subjectRequestType, @JsonProperty("request_status") String requestStatus,
            @JsonProperty("submitted_time") Instant submittedTime, @JsonProperty("received_time") Instant receivedTime,
            @JsonProperty("expected_completion_time") Instant expectedCompletionTime, @JsonProperty("api_version") String apiVersion,
            @JsonProperty("results_url") @Nullable String resultsUrl) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cancelled(@JsonProperty("controller_id") String controllerId, @JsonProperty("subject_request_id") UUID subjectRequestId,
            @JsonProperty("received_time") Instant receivedTime, @JsonProperty("request_status") String requestStatus,
            @JsonProperty("api_version") String apiVersion, @JsonProperty("processor_signature") @Nullable String processorSignature) {

        Cancelled signed(String signature) {
            return new Cancelled(controllerId, subjectRequestId, receivedTime, requestStatus, apiVersion, signature);
        }
    }

    @GetMapping("/opendsr/v1/discovery")
    @Operation(summary = "OpenDSR discovery: API version, identities and subject request types supported, controller and DPO (public)")
    Discovery discovery() {
        Policy.Controller c = policy.controller();
        List<String> types = OpenDsrRequests.TYPES.stream()
                .filter(t -> policy.rights().rights().contains(Policy.Right.valueOf(t.name()))).map(RequestType::code).toList();
        return new Discovery(API_VERSION, List.of(new Identity("email", "raw")), types, List.of("gdpr"),
                new Party(c.name(), controllerId(), c.address().oneLine(), c.siret(), c.website(), c.email()),
                new Dpo(policy.dpo().name(), policy.dpo().email(), policy.dpo().address().oneLine()), policy.version(),
                "a one-time code e-mailed to the identity given; nothing is done or disclosed before the person enters it",
                links.base() + CERTIFICATE, key.domain(), key.current().keyId());
    }

    static final String CERTIFICATE = "/opendsr/v1/certificate.pem";

    @GetMapping(value = CERTIFICATE, produces = "application/x-pem-file")
    @Operation(summary = "The X.509 certificate (PEM) of the key that signs OpenDSR responses and callbacks (public)")
    ResponseEntity<String> certificate() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .body(OpenDsrCertificate.pem(key.current().certificate()));
    }

    /**
     * processor_signature (OpenDSR 7.3, 9.2): the base64 SHA256withRSA signature of the body as sent without it;
     * the field comes last, so the signed bytes are the body with {@code ,"processor_signature":"…"} taken out.
     */
    private String processorSignature(Object unsigned) {
        return key.sign(json.writeValueAsBytes(unsigned));
    }

    @PostMapping(value = "/opendsr/v1/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "File an OpenDSR access, portability or erasure request (DPO, or a token with rights:write); "
            + "the person is e-mailed a code to prove who they are; the same subject_request_id again returns the same request, "
            + "another body with it is a 409")
    ResponseEntity<Created> file(@RequestBody(required = false) byte @Nullable [] body, Authentication authentication) {
        Actor requester = actors.of(authentication);
        OpenDsrRequests.Submission submission = parse(body);
        OpenDsrRequests.Outcome outcome;
        try {
            try {
                outcome = openDsr.file(requester, submission);
            } catch (DataIntegrityViolationException raced) {
                // Another call filed the same subject_request_id at the same moment: it is that request, or a conflict.
                outcome = openDsr.file(requester, submission);
            }
        } catch (OpenDsrRequests.ConflictException e) {
            throw problem(HttpStatus.CONFLICT, "subject_request_id already used", "subject_request_id", e.getMessage());
        }
        RightsRequest request = outcome.request();
        if (!outcome.replayed()) {
            callbacks.queue(outcome.filed().subjectRequestId());
        }
        Created created = new Created(controllerId(), outcome.filed().subjectRequestId(), outcome.filed().receivedTime(),
                openDsr.expectedCompletion(request), Base64.getEncoder().encodeToString(body), OpenDsrRequests.status(request), API_VERSION,
                null);
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(created.signed(processorSignature(created)));
    }

    @GetMapping("/opendsr/v1/requests/{subjectRequestId}")
    @Operation(summary = "The status of an OpenDSR request: pending (identity not yet proved), in_progress, completed or cancelled, "
            + "with the expected completion time (the legal due date); a token sees only the requests it filed")
    Status status(@PathVariable("subjectRequestId") String subjectRequestId, Authentication authentication) {
        OpenDsrRequests.Outcome outcome = visible(subjectRequestId, authentication);
        RightsRequest request = outcome.request();
        return new Status(controllerId(), outcome.filed().subjectRequestId(), request.type().code(), OpenDsrRequests.status(request),
                outcome.filed().submittedTime(), outcome.filed().receivedTime(), openDsr.expectedCompletion(request), API_VERSION, null);
    }

    @PostMapping("/opendsr/v1/requests/{subjectRequestId}/cancel")
    @Operation(summary = "Cancel an OpenDSR request not yet answered (the person is told by mail); an answered one is a 409")
    ResponseEntity<Cancelled> cancel(@PathVariable("subjectRequestId") String subjectRequestId, Authentication authentication) {
        return cancelled(subjectRequestId, authentication);
    }

    @DeleteMapping("/opendsr/v1/requests/{subjectRequestId}")
    @Operation(summary = "Cancel an OpenDSR request, as the specification's DELETE (the same as POST .../cancel)")
    ResponseEntity<Cancelled> delete(@PathVariable("subjectRequestId") String subjectRequestId, Authentication authentication) {
        return cancelled(subjectRequestId, authentication);
    }

    private ResponseEntity<Cancelled> cancelled(String subjectRequestId, Authentication authentication) {
        UUID id = id(subjectRequestId);
        OpenDsrRequests.Outcome outcome;
        try {
            outcome = openDsr.cancel(actors.of(authentication), dpo(authentication), id);
        } catch (OpenDsrRequests.NotFoundException e) {
            throw notFound();
        } catch (OpenDsrRequests.NotCancellableException e) {
            throw problem(HttpStatus.CONFLICT, "Request already answered", "request_status", e.getMessage());
        }
        callbacks.queue(id);
        Instant at = outcome.filed().cancelledTime() == null ? openDsr.now() : outcome.filed().cancelledTime();
        Cancelled cancelled = new Cancelled(controllerId(), id, at, OpenDsrRequests.status(outcome.request()), API_VERSION, null);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(cancelled.signed(processorSignature(cancelled)));
    }

    private OpenDsrRequests.Outcome visible(String subjectRequestId, Authentication authentication) {
        try {
            return openDsr.visible(actors.of(authentication), dpo(authentication), id(subjectRequestId));
        } catch (OpenDsrRequests.NotFoundException e) {
            throw notFound();
        }
    }

    /** A signed-in DPO sees every OpenDSR request; a token, even one with the DPO's role, only those it filed. */
    private boolean dpo(Authentication authentication) {
        return actors.of(authentication).kind() == Actor.Kind.STAFF
                && authentication.getAuthorities().stream().anyMatch(a -> "ROLE_DPO".equals(a.getAuthority()));
    }

    private String controllerId() {
        return OpenDsrRequests.controllerId(policy);
    }

    // --- the request body, checked field by field ----------------------------------------------

    OpenDsrRequests.Submission parse(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        UUID subjectRequestId = null;
        String idText = text(json, "subject_request_id", errors);
        if (idText != null) {
            try {
                subjectRequestId = UUID.fromString(idText);
                if (!subjectRequestId.toString().equals(idText) || subjectRequestId.version() != 4) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("subject_request_id", "must be a lowercase version 4 UUID such as a7551968-d5d6-44b2-9831-815ac9017798"));
                subjectRequestId = null;
            }
        }
        RequestType type = null;
        String typeText = text(json, "subject_request_type", errors);
        if (typeText != null) {
            type = OpenDsrRequests.TYPES.stream().filter(t -> t.code().equals(typeText)).findFirst().orElse(null);
            if (type == null) {
                errors.add(new FieldError("subject_request_type", "unsupported; one of access, portability, erasure"));
            }
        }
        String email = identity(json, errors);
        Instant submitted = null;
        String submittedText = text(json, "submitted_time", errors);
        if (submittedText != null) {
            try {
                submitted = OffsetDateTime.parse(submittedText).toInstant();
                Instant now = openDsr.now();
                LocalDate today = openDsr.today();
                if (submitted.isAfter(now.plus(CLOCK_SKEW))) {
                    errors.add(new FieldError("submitted_time", "must not be in the future"));
                } else if (LocalDate.ofInstant(submitted, Zones.PARIS).isBefore(today.minusYears(1))) {
                    errors.add(new FieldError("submitted_time", "must be within the last year"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("submitted_time", "must be an RFC 3339 date-time such as 2026-10-02T15:00:00Z"));
            }
        }
        String propertyId = optionalText(json, "property_id", 100, errors);
        List<String> callbacks = callbacks(json, this.callbacks.hosts(), errors);
        String regulation = text(json, "regulation", errors);
        if (regulation != null && !regulation.equals("gdpr")) {
            errors.add(new FieldError("regulation", "unsupported; Charte answers GDPR requests (gdpr)"));
        }
        String apiVersion = optionalText(json, "api_version", 10, errors);
        if (apiVersion != null && !(apiVersion.startsWith("2") || apiVersion.startsWith("1"))) {
            errors.add(new FieldError("api_version", "unsupported; Charte speaks OpenDSR " + API_VERSION));
        }
        String language = optionalText(json, "language", 2, errors);
        if (language != null && !language.equals("fr") && !language.equals("en")) {
            errors.add(new FieldError("language", "must be fr or en"));
        }
        if (json.has("extensions") && !json.get("extensions").isObject()) {
            errors.add(new FieldError("extensions", "must be an object"));
        }
        InvalidInputException.throwIfAny(errors);
        return new OpenDsrRequests.Submission(subjectRequestId, type, email, submitted, propertyId, callbacks,
                "en".equals(language) ? Locale.ENGLISH : Locale.FRENCH);
    }

    /** The one e-mail identity, raw: where the code goes. */
    private static @Nullable String identity(JsonNode json, List<FieldError> errors) {
        JsonNode identities = json.get("subject_identities");
        if (identities == null || identities.isNull()) {
            errors.add(new FieldError("subject_identities", "is required: one identity of type email, format raw"));
            return null;
        }
        if (!identities.isArray() || identities.isEmpty()) {
            errors.add(new FieldError("subject_identities", "must be an array with one identity of type email, format raw"));
            return null;
        }
        if (identities.size() > 1) {
            errors.add(new FieldError("subject_identities", "give exactly one identity: the e-mail address the verification code is sent to"));
            return null;
        }
        JsonNode identity = identities.get(0);
        String prefix = "subject_identities[0].";
        if (!identity.isObject()) {
            errors.add(new FieldError("subject_identities[0]", "must be an object with identity_type, identity_value and identity_format"));
            return null;
        }
        int before = errors.size();
        JsonNode type = identity.get("identity_type");
        if (type == null || !type.isString() || !type.asString().equals("email")) {
            errors.add(new FieldError(prefix + "identity_type", "unsupported; Charte supports email"));
        }
        JsonNode format = identity.get("identity_format");
        if (format == null || format.isNull()) {
            errors.add(new FieldError(prefix + "identity_format", "is required: raw (a code is e-mailed to the address)"));
        } else if (!format.isString() || !format.asString().equals("raw")) {
            errors.add(new FieldError(prefix + "identity_format", "unsupported; Charte supports raw (a code is e-mailed to the address)"));
        }
        JsonNode value = identity.get("identity_value");
        String email = value == null || !value.isString() ? null : value.asString().strip().toLowerCase(Locale.ROOT);
        if (email == null || email.isEmpty()) {
            errors.add(new FieldError(prefix + "identity_value", "is required: the person's e-mail address"));
        } else if (email.length() > Steps.NAME_MAX || !EMAIL.matcher(email).matches()
                || TextInput.forbiddenAt(email, TextInput.Kind.SINGLE_LINE) >= 0) {
            errors.add(new FieldError(prefix + "identity_value", "must be an e-mail address such as name@example.org"));
        }
        return errors.size() == before ? email : null;
    }

    /** status_callback_urls: https URLs whose host is in the allow-list, called at each status change. */
    private static List<String> callbacks(JsonNode json, OpenDsrCallbackHosts hosts, List<FieldError> errors) {
        JsonNode urls = json.get("status_callback_urls");
        if (urls == null || urls.isNull()) {
            return List.of();
        }
        if (!urls.isArray() || urls.size() > MAX_CALLBACKS) {
            errors.add(new FieldError("status_callback_urls", "must be an array of at most " + MAX_CALLBACKS + " https URLs"));
            return List.of();
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            JsonNode url = urls.get(i);
            String text = url.isString() ? url.asString() : "";
            boolean ok = false;
            boolean listed = true;
            if (text.length() <= 500 && TextInput.forbiddenAt(text, TextInput.Kind.SINGLE_LINE) < 0) {
                try {
                    URI uri = new URI(text);
                    ok = ("https".equals(uri.getScheme()) || (hosts.plainHttp() && "http".equals(uri.getScheme()))) && uri.getHost() != null
                            && uri.getUserInfo() == null;
                    listed = !ok || hosts.allows(uri);
                } catch (URISyntaxException e) {
                    ok = false;
                }
            }
            if (ok && !listed) {
                errors.add(new FieldError("status_callback_urls[" + i + "]", "its host is not one Charte may call back; ask the DPO to allow it"));
            } else if (ok) {
                checked.add(text);
            } else {
                errors.add(new FieldError("status_callback_urls[" + i + "]", "must be an https URL of at most 500 characters"));
            }
        }
        return checked;
    }

    private static @Nullable String text(JsonNode json, String field, List<FieldError> errors) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return TextInput.line(errors, field, node.asString(), 100) ? node.asString().strip() : null;
    }

    private static @Nullable String optionalText(JsonNode json, String field, int max, List<FieldError> errors) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > max) {
            errors.add(new FieldError(field, "must be a string of 1 to " + max + " characters"));
            return null;
        }
        return TextInput.line(errors, field, node.asString(), max) ? node.asString().strip() : null;
    }

    private static UUID id(String subjectRequestId) {
        try {
            return UUID.fromString(subjectRequestId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("subject_request_id", "must be a UUID such as a7551968-d5d6-44b2-9831-815ac9017798");
        }
    }

    private static ErrorResponseException notFound() {
        return problem(HttpStatus.NOT_FOUND, "Not found", "subject_request_id", new OpenDsrRequests.NotFoundException().getMessage());
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(status, problem, null);
    }
}
