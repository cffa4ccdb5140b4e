package org.charte.cookies.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.UnknownIdException;
import org.charte.cookies.AllowedOrigins;
import org.charte.cookies.ChoiceMethod;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proofs of cookie choices over HTTP (L3, R9.11): {@code consent.js} posts every choice, without
 * sign-in; anyone holding a consent id (the person, from their cookie; the DPO) reads its proofs.
 * Bad input is a 400 problem+json naming each field, never echoing it; nothing is written then.
 */
@RestController
@Tag(name = "Cookie consents", description = "The proof of every cookie choice made on the banner (consent.js), refusals and GPC included.")
class ConsentApi {

    static final String SITE_NOT_SENDER = "must be the origin of the page that sends it";

    static final String UUID_TEXT = ChoiceChecks.UUID_TEXT;

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

    private final ConsentRecords records;
    private final InputChecks checks;
    private final ObjectReader choiceReader;

    ConsentApi(ConsentRecords records, InputChecks checks, JsonMapper json) {
        this.records = records;
        this.checks = checks;
        this.choiceReader = json.readerFor(ChoiceBody.class);
    }

    /** A choice as consent.js posts it; its constraints (published in the OpenAPI document) are checked by {@link ChoiceChecks}. */
    record ChoiceBody(
            @NotNull @Size(max = ChoiceChecks.CONSENT_ID_MAX) @Pattern(regexp = ChoiceChecks.UUID_TEXT, message = ChoiceChecks.UUID_MESSAGE) String consentId,
            @NotNull @Size(max = ChoiceChecks.VERSION_MAX) @Pattern(regexp = ChoiceChecks.VERSION_TEXT, message = ChoiceChecks.VERSION_MESSAGE) String bannerVersion,
            @NotNull @Size(max = ChoiceChecks.METHOD_MAX) @Pattern(regexp = ChoiceChecks.METHOD_TEXT, message = ChoiceChecks.METHOD_MESSAGE) String method,
            @NotNull @Size(max = ChoiceChecks.SITE_MAX) @Pattern(regexp = ChoiceChecks.SITE_TEXT, message = ChoiceChecks.SITE_MESSAGE) String site,
            @NotNull @Size(max = ChoiceChecks.LANGUAGE_MAX) @Pattern(regexp = ChoiceChecks.LANGUAGE_TEXT, message = ChoiceChecks.LANGUAGE_MESSAGE) String language,
            @NotNull @Size(max = ChoiceChecks.CHOICES_MAX) Map<@Size(max = ChoiceChecks.PURPOSE_MAX) String, @NotNull Boolean> choices) {}

    record ProofBody(UUID recordId, UUID consentId, String bannerVersion, String method, String site, String language, String browser,
            OffsetDateTime recordedAt, Map<String, Boolean> choices) {

        static ProofBody of(JdbcConsentRecords.Row row) {
            return new ProofBody(row.id(), row.consentId(), row.bannerVersion(), row.method(), row.site(), row.language(), row.browser(),
                    row.recordedAt(), row.choices());
        }
    }

    record ProofsBody(UUID consentId, List<ProofBody> records) {}

    /**
     * Lean on purpose, the busiest open door of Charte (bench/RESULTS.md, consent): the body is read
     * by a Jackson reader built once and checked by {@link ChoiceChecks}, the proof written by
     * {@link ProofAnswer} (the same bytes as the JSON writer's), without Spring MVC's message
     * conversion, content negotiation or Bean Validation on the way. What the caller sees is as before: a body that does not parse is the
     * same {@link HttpMessageNotReadableException} the API answers for every body (each field
     * named where the parser can tell), a refused field the same problem+json.
     */
    @PostMapping("/consent/v1/records") // consumes JSON: see json(request)
    @Operation(summary = "Record a cookie choice (L3): no sign-in; acknowledged (201) once committed",
            description = "The consent id (random, from the person's cookie), the banner version consent.js was given, how the choice was made, "
                    + "the site's origin, the language and a choice (true or false) for each consent purpose of the banner. A request with "
                    + "Sec-GPC: 1 (or DNT: 1 when the policy honours it) is recorded as that signal's refusal of every purpose, unless the "
                    + "method is settings (the person's own choice in the settings they opened) or inline (loading a social network's content "
                    + "from its placeholder, R7.2). The server's time and a coarse browser family are kept; no IP address, no User-Agent. "
                    + "Choices posted at the same moment are committed together (group commit); if that commit fails, each of them is "
                    + "answered 503 and none is kept: post it again.",
            requestBody = @RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ChoiceBody.class))),
            responses = @ApiResponse(responseCode = "201", description = "Committed",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ProofBody.class))))
    void record(HttpServletRequest request, HttpServletResponse response) throws IOException, HttpMediaTypeNotSupportedException {
        json(request);
        ChoiceBody body = read(request);
        InputChecks.throwIfAny(ChoiceChecks.violations(body));
        if (!AllowedOrigins.sentFrom(body.site(), request.getHeader("Origin"))) {
            throw new InvalidInputException("site", SITE_NOT_SENDER);
        }
        created(response, record(records, body, request));
    }

    /**
     * Records a choice whose shape {@link ChoiceChecks} passed, with what the request tells of the browser.
     *
     * @throws InvalidInputException when it names another banner or does not answer each of its purposes
     * @throws ConsentWriter.NotRecordedException when its batch failed: nothing of it is stored
     */
    static JdbcConsentRecords.Row record(ConsentRecords records, ChoiceBody body, HttpServletRequest request) {
        ChoiceMethod method = ChoiceMethod.ofCode(body.method()).orElseThrow();
        return records.record(new ConsentRecords.Submission(UUID.fromString(body.consentId()), body.bannerVersion(), method, body.site(),
                body.language(), body.choices()), request.getHeader("User-Agent"), request.getHeader("Sec-GPC"), request.getHeader("DNT"));
    }

    /** The answer to a recorded choice: 201 and its proof. */
    static void created(HttpServletResponse response, JdbcConsentRecords.Row row) throws IOException {
        byte[] proof = ProofAnswer.of(row);
        response.setStatus(HttpStatus.CREATED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(proof.length);
        response.getOutputStream().write(proof);
    }

    /**
     * What {@code consumes = "application/json"} would check, with a body that may be missing (which
     * the choice's checks then name): a body in another format, or without a type, is refused (415).
     */
    private static void json(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean body = StringUtils.hasText(request.getHeader(HttpHeaders.TRANSFER_ENCODING))
                || (StringUtils.hasText(length) && !length.trim().equals("0"));
        if (!body) {
            return;
        }
        MediaType sent;
        try {
            sent = request.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException("Invalid Content-Type", JSON);
        }
        if (!MediaType.APPLICATION_JSON.includes(sent)) {
            throw new HttpMediaTypeNotSupportedException(sent, JSON, HttpMethod.POST);
        }
    }

    /** The body as a choice: a missing or {@code null} one is the field {@code body}, one that does not parse as any API body's. */
    private ChoiceBody read(HttpServletRequest request) throws IOException {
        int length = request.getContentLength();
        // at most 16 KB: ApiRequests refused more before; read into an array of its size when the length is told
        byte[] sent = length >= 0 ? request.getInputStream().readNBytes(length) : request.getInputStream().readAllBytes();
        @Nullable ChoiceBody body;
        try {
            // consent.js's plain shape read by hand, anything else by Jackson (the same choice either way: PlainChoiceReader)
            body = sent.length == 0 ? null : PlainChoiceReader.read(sent);
            if (body == null && sent.length > 0) {
                body = choiceReader.readValue(sent);
            }
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error", e, new ServletServerHttpRequest(request));
        }
        if (body == null) {
            InputChecks.throwIfAny(checks.violations(null));
        }
        return body;
    }

    @GetMapping("/consent/v1/records/{consentId}")
    @Operation(summary = "The proofs of one consent id's choices, oldest first (the person proving their choice, or the DPO); no sign-in: "
            + "the random consent id is the credential")
    ProofsBody read(@PathVariable("consentId") String consentId) {
        if (!consentId.matches(UUID_TEXT)) {
            throw new InvalidInputException("consentId", "must be a UUID");
        }
        UUID id = UUID.fromString(consentId);
        List<JdbcConsentRecords.Row> rows = records.of(id);
        if (rows.isEmpty()) {
            throw new UnknownConsentException();
        }
        return new ProofsBody(id, rows.stream().map(ProofBody::of).toList());
    }

    /** A proof its batch failed to store: nothing was kept, the choice may be posted again. */
    @ExceptionHandler(ConsentWriter.NotRecordedException.class)
    ResponseEntity<ProblemDetail> notRecorded(ConsentWriter.NotRecordedException e) {
        return notRecorded();
    }

    /** The answer to a choice its batch failed to store (here and at {@link ConsentDoor}). */
    static ResponseEntity<ProblemDetail> notRecorded() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The choice was not recorded; nothing of it was kept. Post it again.");
        problem.setTitle("Not recorded");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static final class UnknownConsentException extends UnknownIdException {
        UnknownConsentException() {
            super("consentId", "no choice is recorded under this consent id");
        }
    }
}
