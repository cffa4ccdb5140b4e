package org.charte.cookies.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The proofs of cookie choices over HTTP (L3, R9.11): {@code consent.js} posts every choice, without
 * sign-in; anyone holding a consent id (the person, from their cookie; the DPO) reads its proofs.
 * Bad input is a 400 problem+json naming each field, never echoing it; nothing is written then.
 */
@RestController
@Tag(name = "Cookie consents", description = "The proof of every cookie choice made on the banner (consent.js), refusals and GPC included.")
class ConsentApi {

    static final String SITE_NOT_SENDER = "must be the origin of the page that sends it";

    static final String UUID_TEXT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final ConsentRecords records;
    private final InputChecks checks;

    ConsentApi(ConsentRecords records, InputChecks checks) {
        this.records = records;
        this.checks = checks;
    }

    /** A choice as consent.js posts it. */
    record ChoiceBody(
            @NotNull @Size(max = 36) @Pattern(regexp = UUID_TEXT, message = "must be a UUID") String consentId,
            @NotNull @Size(max = 16) @Pattern(regexp = "[0-9a-f]{16}", message = "must be 16 hexadecimal digits") String bannerVersion,
            @NotNull @Size(max = 8) @Pattern(regexp = "banner|settings|inline|gpc|dnt", message = "must be banner, settings, inline, gpc or dnt") String method,
            @NotNull @Size(max = 255) @Pattern(regexp = "https?://[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?", message = "must be a site's origin: http(s)://host[:port]") String site,
            @NotNull @Size(max = 2) @Pattern(regexp = "fr|en", message = "must be fr or en") String language,
            @NotNull @Size(max = 20) Map<@Size(max = 64) String, @NotNull Boolean> choices) {}

    record ProofBody(UUID recordId, UUID consentId, String bannerVersion, String method, String site, String language, String browser,
            OffsetDateTime recordedAt, Map<String, Boolean> choices) {

        static ProofBody of(JdbcConsentRecords.Row row) {
            return new ProofBody(row.id(), row.consentId(), row.bannerVersion(), row.method(), row.site(), row.language(), row.browser(),
                    row.recordedAt(), row.choices());
        }
    }

    record ProofsBody(UUID consentId, List<ProofBody> records) {}

    @PostMapping(value = "/consent/v1/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a cookie choice (L3): no sign-in; acknowledged (201) once committed",
            description = "The consent id (random, from the person's cookie), the banner version consent.js was given, how the choice was made, "
                    + "the site's origin, the language and a choice (true or false) for each consent purpose of the banner. A request with "
                    + "Sec-GPC: 1 (or DNT: 1 when the policy honours it) is recorded as that signal's refusal of every purpose, unless the "
                    + "method is settings (the person's own choice in the settings they opened) or inline (loading a social network's content "
                    + "from its placeholder, R7.2). The server's time and a coarse browser family are kept; no IP address, no User-Agent. "
                    + "Choices posted at the same moment are committed together (group commit); if that commit fails, each of them is "
                    + "answered 503 and none is kept: post it again.")
    ResponseEntity<ProofBody> record(@RequestBody(required = false) @Nullable ChoiceBody body,
            @RequestHeader(name = "User-Agent", required = false) @Nullable String userAgent,
            @RequestHeader(name = "Sec-GPC", required = false) @Nullable String secGpc,
            @RequestHeader(name = "DNT", required = false) @Nullable String dnt,
            @RequestHeader(name = "Origin", required = false) @Nullable String origin) {
        InputChecks.throwIfAny(checks.violations(body));
        if (!AllowedOrigins.sentFrom(body.site(), origin)) {
            throw new InvalidInputException("site", SITE_NOT_SENDER);
        }
        ChoiceMethod method = ChoiceMethod.ofCode(body.method()).orElseThrow();
        var row = records.record(new ConsentRecords.Submission(UUID.fromString(body.consentId()), body.bannerVersion(), method, body.site(),
                body.language(), body.choices()), userAgent, secGpc, dnt);
        return ResponseEntity.status(HttpStatus.CREATED).body(ProofBody.of(row));
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
