package org.charte.hosting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.common.SingleLine;
import org.charte.hosting.HostedDatabase;
import org.charte.hosting.HostedDatabases;
import org.charte.hosting.SignedCertificate;
import org.charte.hosting.UnknownHostedDatabaseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Hosted databases for staff: provisioning (Cloud support, administrator), credentials and exports under a grant, destruction (administrator, DPO). */
@RestController
@RequestMapping("/api/v1/hosted-databases")
@Tag(name = "Hosting", description = "Hosted Gestan databases: provisioned in an allowed store (R7.1), credentials revealed under a grant (R3.3), "
        + "exported until destroyed 30 days after termination, with a signed certificate (R5.5)")
class HostingApi {

    private static final String PURPOSE = "The purpose of this access (required), one of the policy's purposes that uses hosted data, e.g. customer-service";

    private final CurrentActor actors;
    private final JdbcHostedDatabases databases;

    HostingApi(CurrentActor actors, JdbcHostedDatabases databases) {
        this.actors = actors;
        this.databases = databases;
    }

    record NewHostedDatabase(@Nullable UUID subscriptionId, @Nullable @Size(max = 60) @SingleLine String storeId) {}

    record RevealRequest(@Nullable @Size(max = 64) @SingleLine String purpose) {}

    @PostMapping
    @Operation(summary = "Cloud support or administrator: provision a subscription's database in a store the policy declares, in an allowed location "
            + "(a schema with its own login and a sample table); anything else is refused and nothing is created")
    ResponseEntity<HostedDatabase> provision(@Valid @RequestBody @Nullable NewHostedDatabase body, Authentication authentication) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        HostedDatabase database = databases.provision(actors.of(authentication), body.subscriptionId(), body.storeId());
        return ResponseEntity.created(URI.create("/api/v1/hosted-databases/" + database.id())).body(database);
    }

    @GetMapping
    @Operation(summary = "The hosted database of a subscription: ids, store, status and dates (never its credentials)")
    HostedDatabase ofSubscription(@RequestParam(name = "subscriptionId", required = false) @Nullable UUID subscriptionId) {
        if (subscriptionId == null) {
            throw new InvalidInputException("subscriptionId", "name the subscription");
        }
        return databases.ofSubscription(subscriptionId)
                .orElseThrow(() -> new UnknownHostedDatabaseException("subscriptionId", "this subscription has no hosted database"));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A hosted database: ids, store, status and dates, the final export's SHA-256, its certificate once destroyed")
    HostedDatabase find(@PathVariable("id") UUID id) {
        return databases.find(id);
    }

    @PostMapping("/{id}/credentials")
    @Operation(summary = "Reveal the database's login, under a grant covering hosted-credentials on this database; every attempt is audited. "
            + "A POST, never cached (Cache-Control: no-store)")
    ResponseEntity<HostedDatabases.Credentials> credentials(@PathVariable("id") UUID id, @Valid @RequestBody(required = false) @Nullable RevealRequest body,
            Authentication authentication) {
        HostedDatabases.Credentials credentials = databases.revealCredentials(actors.of(authentication), body == null ? null : body.purpose(), id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(credentials);
    }

    @PostMapping("/{id}/export")
    @Operation(summary = "Export the database for its client (a zip: one CSV per table and a manifest), under a grant covering hosted-data; "
            + "its SHA-256 is recorded")
    ResponseEntity<byte[]> export(@PathVariable("id") UUID id,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return zip(databases.export(actors.of(authentication), purpose, id));
    }

    @PostMapping("/{id}/destroy")
    @Operation(summary = "Administrator or DPO: destroy the database now if its destruction is due (else 409 with the due date); "
            + "returns the signed destruction certificate")
    ResponseEntity<SignedCertificate> destroy(@PathVariable("id") UUID id, Authentication authentication) {
        SignedCertificate certificate = databases.destroyNow(actors.of(authentication), id);
        return ResponseEntity.ok().header(HttpHeaders.LOCATION, "/api/v1/destruction-certificates/" + certificate.certificate().id())
                .body(certificate);
    }

    static ResponseEntity<byte[]> zip(HostedDatabases.Export export) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .header("X-Export-Sha256", export.sha256())
                .header("X-Export-Id", export.exportId().toString())
                .body(export.zip());
    }
}
