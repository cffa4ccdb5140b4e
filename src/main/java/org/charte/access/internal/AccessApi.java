package org.charte.access.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.common.Plausible;
import org.charte.common.SingleLine;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff, subcontractors, grants and tokens for integrations and scripts. Who may call what is declared
 * in AccessUrlRules; every refusal is problem+json naming the field.
 */
@RestController
@RequestMapping("/api/v1")
class AccessApi {

    private final StaffDirectory staff;
    private final Subcontractors subcontractors;
    private final Grants grants;
    private final ApiTokens tokens;
    private final CurrentStaff current;

    AccessApi(StaffDirectory staff, Subcontractors subcontractors, Grants grants, ApiTokens tokens, CurrentStaff current) {
        this.staff = staff;
        this.subcontractors = subcontractors;
        this.grants = grants;
        this.tokens = tokens;
        this.current = current;
    }

    record Me(String actor, List<String> authorities) {}

    /** Who the caller is to Charte: a signed-in person or a token, with its role and scopes. */
    @GetMapping("/me")
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toList());
    }

    record NewStaffBody(@NotBlank @Size(max = 64) @SingleLine String login, @NotBlank @Size(max = 200) @SingleLine String displayName,
            @NotBlank @Size(max = 64) @SingleLine String role, @NotBlank @Size(max = 200) @SingleLine String password, @Nullable UUID subcontractorId) {}

    @GetMapping("/staff")
    List<StaffMember> staff() {
        return staff.all();
    }

    @PostMapping("/staff")
    ResponseEntity<StaffMember> createStaff(@Valid @RequestBody NewStaffBody body) {
        StaffMember created = staff.create(new StaffDirectory.NewStaff(body.login(), body.displayName(), body.role(),
                body.password(), body.subcontractorId(), false));
        return ResponseEntity.created(URI.create("/api/v1/staff/" + created.id())).body(created);
    }

    record NewSubcontractorBody(@NotBlank @Size(max = 200) @SingleLine String name, @NotBlank @Size(max = 64) @SingleLine String role) {}

    record ContractBody(@NotNull @Plausible LocalDate signedOn, @Nullable @Plausible LocalDate endsOn, boolean dataProtectionClauses) {}

    record AssessmentBody(@NotNull @Plausible LocalDate assessedOn) {}

    @GetMapping("/subcontractors")
    List<Subcontractor> subcontractors() {
        return subcontractors.all();
    }

    @PostMapping("/subcontractors")
    ResponseEntity<Subcontractor> registerSubcontractor(@Valid @RequestBody NewSubcontractorBody body) {
        Subcontractor created = subcontractors.register(body.name(), body.role());
        return ResponseEntity.created(URI.create("/api/v1/subcontractors/" + created.id())).body(created);
    }

    @PutMapping("/subcontractors/{id}/contract")
    Subcontractor contract(@PathVariable("id") UUID id, @Valid @RequestBody ContractBody body) {
        return subcontractors.recordContract(id, body.signedOn(), body.endsOn(), body.dataProtectionClauses());
    }

    @PutMapping("/subcontractors/{id}/assessment")
    Subcontractor assessment(@PathVariable("id") UUID id, @Valid @RequestBody AssessmentBody body) {
        return subcontractors.recordAssessment(id, body.assessedOn());
    }

    record NewGrantBody(@NotNull UUID granteeId, @NotBlank @Size(max = 64) @SingleLine String purpose,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) @SingleLine String> categories,
            @Nullable @Size(max = 1000) List<@NotNull UUID> subjects, @Nullable @Size(max = 100) List<@NotNull UUID> hostedDatabases,
            @NotNull @Plausible Instant validUntil, @NotBlank @Size(max = 500) @SingleLine String reason) {

        List<ResourceRef> resources() {
            List<ResourceRef> resources = new ArrayList<>();
            if (subjects != null) {
                subjects.forEach(id -> resources.add(ResourceRef.subject(id)));
            }
            if (hostedDatabases != null) {
                hostedDatabases.forEach(id -> resources.add(ResourceRef.hostedDatabase(id)));
            }
            return resources;
        }
    }

    record ReasonBody(@NotBlank @Size(max = 500) @SingleLine String reason) {}

    @GetMapping("/grants")
    List<Grant> grants(@RequestParam(name = "grantee", required = false) @Nullable UUID grantee) {
        return grantee == null ? grants.all() : grants.forGrantee(grantee);
    }

    @PostMapping("/grants")
    ResponseEntity<Grant> grant(@Valid @RequestBody NewGrantBody body, Principal principal) {
        Grant grant = grants.grantIndividual(body.granteeId(), body.purpose(), new LinkedHashSet<>(body.categories()), body.resources(),
                body.validUntil(), body.reason(), current.of(principal).id());
        return ResponseEntity.created(URI.create("/api/v1/grants/" + grant.id())).body(grant);
    }

    @PostMapping("/grants/{id}/revocation")
    Grant revoke(@PathVariable("id") UUID id, @Valid @RequestBody ReasonBody body, Principal principal) {
        return grants.revoke(id, current.of(principal).id(), body.reason());
    }

    record NewTokenBody(@NotBlank @Size(max = 100) @SingleLine String name, @NotBlank @Size(max = 64) @SingleLine String role,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) @SingleLine String> scopes, @Nullable @Plausible Instant expiresAt) {}

    @GetMapping("/tokens")
    List<ApiTokens.Token> tokens() {
        return tokens.all();
    }

    /** The secret is in this answer and nowhere else, ever. */
    @PostMapping("/tokens")
    ResponseEntity<ApiTokens.Issued> issue(@Valid @RequestBody NewTokenBody body, Principal principal) {
        ApiTokens.Issued issued = tokens.issue(body.name(), body.role(), new LinkedHashSet<>(body.scopes()), body.expiresAt(), current.of(principal).id());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id())).body(issued);
    }

    @PostMapping("/tokens/{id}/revocation")
    ApiTokens.Token revokeToken(@PathVariable("id") UUID id) {
        return tokens.revoke(id);
    }
}
