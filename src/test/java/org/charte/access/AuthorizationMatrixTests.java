package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint × every role, a token and anonymous, against the expected outcome. An
 * endpoint added without a line here fails the build: nobody forgets to decide who may call it.
 */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

    /** Who may call an endpoint. */
    enum Who { PUBLIC, PARTIAL_SIGN_IN, STAFF, ADMINISTRATOR, ADMINISTRATOR_DPO, CLOUD_SUPPORT, CLOUD_SUPPORT_ADMINISTRATOR, DPO,
        DPO_OR_TOKEN, DPO_OR_TOKEN_WITH_AUDIT, DPO_ADV,
        /** Staff whose role serves the purpose commercial-statistics: adv alone in the policy. */
        STATISTICS,
        /** Staff whose role the policy names for campaigns (marketing.campaigns.roles): adv alone. */
        CAMPAIGNS }

    static final Map<String, Who> EXPECTED = new LinkedHashMap<>();

    static {
        for (String endpoint : List.of("GET /", "GET /en", "GET /politique-de-confidentialite", "GET /en/privacy-policy",
                "GET /registre-des-traitements", "GET /en/record-of-processing-activities", "GET /backoffice/connexion",
                "GET /api/v1/policy", "GET /api/v1/policy/versions", "GET /api/v1/policy/versions/{id}",
                "GET /api/v1/policy/versions/{id}/file", "GET /api/v1/policy/lint", "GET /error",
                "GET /v3/api-docs", "GET /v3/api-docs.yaml", "GET /v3/api-docs/swagger-config", "GET /swagger-ui.html",
                // A one-time enrolment link (charte staff create-admin): its secret is the credential; an unknown one is 410.
                "GET /backoffice/premier-acces/{token}", "POST /backoffice/premier-acces/{token}")) {
            EXPECTED.put(endpoint, Who.PUBLIC);
        }
        // L10: the policy's versions and what changed between two, public like the policy itself.
        for (String endpoint : List.of("GET /politique-de-confidentialite/versions", "GET /en/privacy-policy/versions",
                "GET /politique-de-confidentialite/versions/comparer", "GET /en/privacy-policy/versions/compare")) {
            EXPECTED.put(endpoint, Who.PUBLIC);
        }
        for (String endpoint : List.of("GET /backoffice/code", "POST /backoffice/code", "GET /backoffice/enrolement",
                "POST /backoffice/enrolement")) {
            EXPECTED.put(endpoint, Who.PARTIAL_SIGN_IN);
        }
        for (String endpoint : List.of("GET /backoffice", "GET /backoffice/mes-acces", "GET /backoffice/engagement",
                "POST /backoffice/engagement")) {
            EXPECTED.put(endpoint, Who.STAFF);
        }
        // People's data: any signed-in person reaches the endpoint, the decision point then decides on each
        // person (a refusal there is a 403 with its reason); a token needs the subjects:read or :write scope,
        // which the matrix's token lacks.
        for (String endpoint : List.of("POST /api/v1/subjects", "GET /api/v1/subjects", "GET /api/v1/subjects/{id}",
                "PATCH /api/v1/subjects/{id}", "GET /backoffice/personnes", "GET /backoffice/personnes/{id}")) {
            EXPECTED.put(endpoint, Who.STAFF);
        }
        EXPECTED.put("GET /api/v1/me", Who.DPO_OR_TOKEN); // any signed-in person or token; checked below
        for (String endpoint : List.of("GET /backoffice/staff", "POST /backoffice/staff", "GET /api/v1/staff", "POST /api/v1/staff",
                "GET /backoffice/tokens", "POST /backoffice/tokens", "POST /backoffice/tokens/{id}/revocation",
                "GET /api/v1/tokens", "POST /api/v1/tokens", "POST /api/v1/tokens/{id}/revocation")) {
            EXPECTED.put(endpoint, Who.ADMINISTRATOR);
        }
        for (String endpoint : List.of("GET /backoffice/subcontractors", "POST /backoffice/subcontractors",
                "POST /backoffice/subcontractors/{id}/contrat", "GET /api/v1/subcontractors", "POST /api/v1/subcontractors",
                "PUT /api/v1/subcontractors/{id}/contract", "PUT /api/v1/subcontractors/{id}/assessment",
                "GET /backoffice/grants", "POST /backoffice/grants", "POST /backoffice/grants/{id}/revocation",
                "GET /api/v1/grants", "POST /api/v1/grants", "POST /api/v1/grants/{id}/revocation")) {
            EXPECTED.put(endpoint, Who.ADMINISTRATOR_DPO);
        }
        EXPECTED.put("GET /backoffice/audit", Who.DPO);
        EXPECTED.put("POST /backoffice/audit", Who.DPO); // a person's entries found by e-mail (L10): posted, so the address is in no URL
        // The DPO's desk (registers): the DPO's page; its meters at /actuator/prometheus are no request mapping (DeskTests).
        EXPECTED.put("GET /backoffice/bureau-dpo", Who.DPO);
        for (String endpoint : List.of("GET /backoffice/filtrage", "POST /backoffice/filtrage", "POST /backoffice/filtrage/{id}/retrait",
                "GET /api/v1/screening/accepted-phrases", "POST /api/v1/screening/accepted-phrases",
                "POST /api/v1/screening/accepted-phrases/{id}/removal")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        EXPECTED.put("GET /backoffice/audit/export", Who.DPO);
        EXPECTED.put("GET /api/v1/audit/verify", Who.DPO_OR_TOKEN_WITH_AUDIT);
        EXPECTED.put("POST /api/v1/audit/checkpoints", Who.DPO_OR_TOKEN_WITH_AUDIT);
        EXPECTED.put("GET /api/v1/audit/checkpoints", Who.PUBLIC); // signed heads of the chain: no personal data (R6.5)
        EXPECTED.put("GET /backoffice/engagement/publier", Who.DPO);
        EXPECTED.put("POST /backoffice/engagement/publier", Who.DPO);
        // Commerce and support: any signed-in person at the door (a token only with a subjects:* scope, which the
        // matrix's token lacks); the decision point decides inside each call.
        for (String endpoint : List.of("POST /api/v1/subjects/{id}/account", "GET /api/v1/subjects/{id}/account",
                "POST /api/v1/subjects/{id}/subscriptions", "GET /api/v1/subjects/{id}/subscriptions", "GET /api/v1/subscriptions/{id}",
                "POST /api/v1/subscriptions/{id}/termination", "POST /api/v1/subjects/{id}/orders", "GET /api/v1/subjects/{id}/orders",
                "GET /api/v1/orders/{id}", "POST /api/v1/orders/{id}/deliveries", "GET /api/v1/orders/{id}/deliveries",
                "PUT /api/v1/deliveries/{id}/tracking", "POST /api/v1/subjects/{id}/invoices", "GET /api/v1/subjects/{id}/invoices",
                "GET /api/v1/invoices/{id}", "POST /api/v1/invoices/{id}/payments", "POST /api/v1/invoices/{id}/unpaid",
                "POST /api/v1/subjects/{id}/litigations", "GET /api/v1/subjects/{id}/litigations", "POST /api/v1/litigations/{id}/closure",
                "POST /api/v1/subjects/{id}/tickets", "GET /api/v1/subjects/{id}/tickets", "GET /api/v1/tickets/{ticketRef}",
                "POST /api/v1/tickets/{ticketRef}/messages", "POST /api/v1/tickets/{ticketRef}/subcontractor-authorisations",
                "POST /api/v1/tickets/{ticketRef}/closure")) {
            EXPECTED.put(endpoint, Who.STAFF);
        }
        EXPECTED.put("POST /api/v1/tickets/{ticketRef}/security-monitoring-requests", Who.CLOUD_SUPPORT);
        EXPECTED.put("GET /backoffice/personnes/{id}/relation", Who.STAFF);
        // Marketing choices (R9.9): any member of staff; the decision point decides each person.
        for (String endpoint : List.of("GET /api/v1/marketing/subjects/{id}", "POST /api/v1/marketing/subjects/{id}/objections",
                "POST /api/v1/marketing/subjects/{id}/consents", "POST /api/v1/marketing/subjects/{id}/withdrawals",
                "POST /api/v1/marketing/subjects/{id}/bases", "PUT /api/v1/marketing/subjects/{id}/capacity",
                "GET /api/v1/marketing/subjects/{id}/calls", "POST /api/v1/marketing/subjects/{id}/calls",
                "GET /backoffice/personnes/{id}/prospection", "POST /backoffice/personnes/{id}/prospection/opposition",
                "POST /api/v1/marketing/subjects/{id}/call-hours", "GET /backoffice/personnes/{id}/appels",
                "POST /backoffice/personnes/{id}/appels/tentative", "POST /backoffice/personnes/{id}/appels/horaires")) {
            EXPECTED.put(endpoint, Who.STAFF);
        }
        // Commercial statistics (R4.2): aggregates only, for a role serving the purpose commercial-statistics (adv).
        for (String endpoint : List.of("GET /api/v1/marketing/statistics", "GET /api/v1/marketing/statistics.csv",
                "GET /backoffice/prospection/statistiques")) {
            EXPECTED.put(endpoint, Who.STATISTICS);
        }
        // Campaigns (R9.9, R4.2): the roles the policy names for campaigns (adv); any other is refused (403, audited).
        for (String endpoint : List.of("GET /api/v1/marketing/campaigns", "POST /api/v1/marketing/campaigns",
                "GET /api/v1/marketing/campaigns/{id}", "PUT /api/v1/marketing/campaigns/{id}", "POST /api/v1/marketing/campaigns/{id}/dry-run",
                "POST /api/v1/marketing/campaigns/{id}/send", "POST /api/v1/marketing/campaigns/{id}/cancel",
                "GET /api/v1/marketing/campaigns/{id}/call-list", "GET /backoffice/prospection/campagnes", "POST /backoffice/prospection/campagnes",
                "GET /backoffice/prospection/campagnes/{id}", "POST /backoffice/prospection/campagnes/{id}/essai",
                "POST /backoffice/prospection/campagnes/{id}/envoi", "POST /api/v1/marketing/campaigns/{id}/post-list",
                "GET /backoffice/prospection/campagnes/{id}/modifier", "POST /backoffice/prospection/campagnes/{id}/modifier",
                "POST /backoffice/prospection/campagnes/{id}/annulation", "GET /backoffice/prospection/campagnes/{id}/appels",
                "POST /backoffice/prospection/campagnes/{id}/courrier")) {
            EXPECTED.put(endpoint, Who.CAMPAIGNS);
        }
        // The unsubscribe link of marketing mails and the preferences it opens (L5, RFC 8058): public, the
        // signed token is the credential; the one click needs no CSRF token, the preferences form does.
        for (String endpoint : List.of("GET /u/{token}", "POST /u/{token}", "POST /u/{token}/preferences")) {
            EXPECTED.put(endpoint, Who.PUBLIC);
        }
        // Cookie choices (R9.11, L3): the banner script and the recording of a choice are public and use no session; a
        // consent id's proofs are public, in JSON and as a page (the random id is the credential); the demo site is public but exists only in the
        // demo; so is the audience beacon (R3.4, L8); the aggregates are for a role serving compliance-checks (the DPO),
        // decided in ConsentStatistics and AudienceStatistics.
        for (String endpoint : List.of("GET /consent/v1/consent.js", "GET /consent/v1/consent.css", "POST /consent/v1/records",
                "GET /consent/v1/records/{consentId}", "GET /demo/site", "GET /demo/site/audience.js", "GET /demo/site/share.js", "GET /demo/site/post",
                "POST /consent/v1/beacon", "POST /consent/v1/beacon/script", "GET /mes-choix-cookies", "GET /en/my-cookie-choices",
                "GET /mes-choix-cookies/{consentId}", "GET /en/my-cookie-choices/{consentId}")) {
            EXPECTED.put(endpoint, Who.PUBLIC);
        }
        for (String endpoint : List.of("GET /api/v1/cookies/statistics", "GET /backoffice/cookies/statistiques", "GET /api/v1/cookies/audience",
                "GET /api/v1/cookies/audience.csv", "GET /backoffice/cookies/frequentation")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        // Hosting: certificates are public (nothing personal); a client's export proves who they are in its body;
        // credentials and staff exports are decided per database by the decision point (R3.3).
        for (String endpoint : List.of("GET /api/v1/destruction-certificates/{id}", "GET /api/v1/destruction-certificates/public-key",
                "POST /api/v1/destruction-certificates/verify", "POST /api/v1/client/hosted-databases/{id}/export",
                "POST /api/v1/client/hosted-databases/{id}/sign-in")) {
            EXPECTED.put(endpoint, Who.PUBLIC);
        }
        EXPECTED.put("POST /api/v1/hosted-databases", Who.CLOUD_SUPPORT_ADMINISTRATOR);
        EXPECTED.put("POST /api/v1/hosted-databases/{id}/destroy", Who.ADMINISTRATOR_DPO);
        for (String endpoint : List.of("GET /api/v1/hosted-databases", "GET /api/v1/hosted-databases/{id}",
                "POST /api/v1/hosted-databases/{id}/credentials", "POST /api/v1/hosted-databases/{id}/export")) {
            EXPECTED.put(endpoint, Who.STAFF);
        }
        // Rights requests: the privacy centre and the answers' links are public (CSRF-protected forms, rate-limited,
        // nothing personal before a code or a link proves who asks); the demo's outbox is public but exists only in the demo.
        for (String endpoint : List.of("GET /mes-droits", "GET /en/my-rights", "GET /mes-droits/demande", "GET /en/my-rights/request",
                "POST /mes-droits/demande", "POST /en/my-rights/request", "GET /mes-droits/verification/{id}",
                "GET /en/my-rights/verification/{id}", "POST /mes-droits/verification/{id}", "POST /en/my-rights/verification/{id}",
                "POST /mes-droits/verification/{id}/nouveau-code", "POST /en/my-rights/verification/{id}/new-code",
                "GET /telechargement/{token}", "GET /en/download/{token}", "POST /telechargement/{token}", "POST /en/download/{token}",
                "GET /demo/courriels")) {
            EXPECTED.put(endpoint, Who.PUBLIC);
        }
        for (String endpoint : List.of("GET /backoffice/droits", "GET /backoffice/droits/{id}", "POST /backoffice/droits/{id}/code",
                "POST /backoffice/droits/{id}/verification", "POST /backoffice/droits/{id}/document",
                "POST /backoffice/droits/{id}/document/{documentId}/verifie", "POST /backoffice/droits/{id}/information",
                "POST /backoffice/droits/{id}/information-recue", "POST /backoffice/droits/{id}/prolongation",
                "POST /backoffice/droits/{id}/refus", "POST /backoffice/droits/{id}/production", "POST /backoffice/droits/{id}/reponse",
                "GET /backoffice/droits/{id}/fichiers/{fileId}", "GET /api/v1/rights-requests", "GET /api/v1/rights-requests/{id}",
                "POST /backoffice/droits/{id}/rectification", "GET /backoffice/droits/oppositions",
                "POST /backoffice/droits/oppositions/{id}/decision", "POST /backoffice/droits/{id}/levee-limitation",
                "GET /backoffice/droits/deces", "POST /backoffice/droits/deces/{id}/document", "POST /backoffice/droits/deces/{id}/confirmation",
                "POST /backoffice/droits/deces/{id}/rejet")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        for (String endpoint : List.of("GET /backoffice/droits/nouvelle", "POST /backoffice/droits/nouvelle", "POST /api/v1/rights-requests")) {
            EXPECTED.put(endpoint, Who.DPO_ADV);
        }
        // OpenDSR 2.0 (R9.5): discovery is public (what the policy publishes); requests are filed, read and cancelled by
        // the DPO or a token with rights:write / rights:read (which the matrix's token lacks; OpenDsrTests covers them).
        EXPECTED.put("GET /opendsr/v1/discovery", Who.PUBLIC);
        EXPECTED.put("GET /opendsr/v1/certificate.pem", Who.PUBLIC);
        for (String endpoint : List.of("POST /opendsr/v1/requests", "GET /opendsr/v1/requests/{subjectRequestId}",
                "POST /opendsr/v1/requests/{subjectRequestId}/cancel", "DELETE /opendsr/v1/requests/{subjectRequestId}")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        // Retention (R5.6, L4): legal holds by the DPO (an administrator may read them); the archive's summary for the
        // DPO; an archive entry for any signed-in person at the door, the entry's obligation and a grant deciding inside.
        EXPECTED.put("GET /api/v1/legal-holds", Who.ADMINISTRATOR_DPO);
        EXPECTED.put("POST /api/v1/legal-holds", Who.DPO);
        EXPECTED.put("POST /api/v1/legal-holds/{id}/release", Who.DPO);
        EXPECTED.put("GET /api/v1/archive", Who.DPO);
        EXPECTED.put("GET /api/v1/archive/{id}", Who.STAFF);
        // Browsing the archive (L4): a person past the second factor at the door; inside, only the roles an obligation
        // names (adv, dpo), for its purpose; the others are refused there (and audited).
        for (String endpoint : List.of("GET /api/v1/retention/archive/entries", "GET /backoffice/conservation/archive",
                "GET /backoffice/conservation/archive/{id}")) {
            EXPECTED.put(endpoint, Who.DPO_ADV);
        }
        // The retention page: the DPO (an administrator may read it), its forms the DPO's; runs and forecast over JSON
        // for the DPO (a DPO's token needs retention:read or retention:run, which the matrix's token lacks).
        EXPECTED.put("GET /backoffice/conservation", Who.ADMINISTRATOR_DPO);
        EXPECTED.put("GET /backoffice/conservation/executions/{id}", Who.ADMINISTRATOR_DPO);
        for (String endpoint : List.of("POST /backoffice/conservation/blocages", "POST /backoffice/conservation/blocages/{id}/levee",
                "POST /backoffice/conservation/simulations", "GET /api/v1/retention/runs", "GET /api/v1/retention/runs/{id}",
                "POST /api/v1/retention/runs", "GET /api/v1/retention/forecast")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        // Rights over a person's data (R9.1, R9.4): any signed-in person at the door, the decision point decides
        // (purpose rights-requests: the DPO); an unknown person is a 404 for everyone.
        for (String endpoint : List.of("POST /api/v1/subjects/{id}/rectifications", "PUT /api/v1/subjects/{id}/post-mortem-directives",
                "GET /api/v1/subjects/{id}/post-mortem-directives", "POST /api/v1/subjects/{id}/death-notification")) {
            EXPECTED.put(endpoint, Who.STAFF);
        }
        // Restriction, objection, Art. 19 notices, post-mortem actions (L5, R1.3, R9.2, R9.4): the DPO.
        for (String endpoint : List.of("GET /api/v1/restrictions", "POST /api/v1/restrictions", "POST /api/v1/restrictions/{id}/lifting",
                "GET /api/v1/objections", "POST /api/v1/objections", "POST /api/v1/objections/{id}/decision",
                "GET /api/v1/objections/{id}/statement", "GET /api/v1/recipient-notices", "GET /api/v1/post-mortem-actions",
                "POST /api/v1/post-mortem-actions/{id}/completion")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        // The breach register (L6): the DPO in person.
        for (String endpoint : List.of("GET /api/v1/breaches", "POST /api/v1/breaches", "GET /api/v1/breaches/{id}",
                "POST /api/v1/breaches/{id}/assessments", "POST /api/v1/breaches/{id}/notifications",
                "GET /api/v1/breaches/{id}/notification-file", "GET /api/v1/breaches/{id}/notification-file.pdf",
                "POST /api/v1/breaches/{id}/compromised-actor", "GET /api/v1/breaches/{id}/people", "POST /api/v1/breaches/{id}/letters",
                "GET /backoffice/violations", "POST /backoffice/violations", "GET /backoffice/violations/{id}",
                "POST /backoffice/violations/{id}/evaluation", "POST /backoffice/violations/{id}/notification",
                "POST /backoffice/violations/{id}/compte-compromis", "POST /backoffice/violations/{id}/lettres")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
        // Disclosures to authorities and the registers (R6.6, R7.2, R8.6): the DPO; the answer's single-use link is its own
        // credential (an unknown one is 410).
        EXPECTED.put("GET /communications/reponses/{token}", Who.PUBLIC);
        for (String endpoint : List.of("GET /api/v1/disclosures", "POST /api/v1/disclosures", "GET /api/v1/disclosures/{id}",
                "POST /api/v1/disclosures/{id}/approval", "POST /api/v1/disclosures/{id}/answer", "GET /backoffice/registres/communications",
                "POST /backoffice/registres/communications", "POST /backoffice/registres/communications/{id}/approbation",
                "POST /backoffice/registres/communications/{id}/reponse", "GET /backoffice/registres", "GET /backoffice/registres/transferts",
                "GET /backoffice/registres/sous-traitants", "GET /api/v1/registers/transfers", "GET /api/v1/registers/subcontractors",
                "GET /api/v1/registers/processing.csv", "GET /api/v1/registers/processing.pdf", "GET /api/v1/registers/transfers.csv",
                "GET /api/v1/registers/transfers.pdf", "GET /api/v1/registers/subcontractors.csv", "GET /api/v1/registers/subcontractors.pdf",
                "GET /api/v1/registers/disclosures.csv", "GET /api/v1/registers/disclosures.pdf", "GET /api/v1/registers/breaches.csv",
                "GET /api/v1/registers/breaches.pdf")) {
            EXPECTED.put(endpoint, Who.DPO);
        }
    }

    static final List<String> ROLES = List.of("adv", "development", "cloud-support", "support-subcontractor",
            "security-monitoring-subcontractor", "dpo", "administrator");

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Subcontractors subcontractors;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final Map<String, Http> sessions = new LinkedHashMap<>();
    String token;

    @BeforeAll
    void signIn() {
        Subcontractor support = subcontractors.register("Matrix support " + UUID.randomUUID(), "support-subcontractor");
        Subcontractor monitoring = subcontractors.register("Matrix monitoring " + UUID.randomUUID(), "security-monitoring-subcontractor");
        for (String role : ROLES) {
            UUID company = role.equals("support-subcontractor") ? support.id()
                    : role.equals("security-monitoring-subcontractor") ? monitoring.id() : null;
            sessions.put(role, Staff.signedIn(directory, port, role, company).http());
        }
        HttpResponse<String> issued = sessions.get("administrator").json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "matrix", "role", "dpo", "scopes", Set.of("audit:read", "policy:read"))));
        token = Json.of(issued).path("secret").asString();
    }

    static Set<String> mapped(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET");
            }
            for (String pattern : info.getPatternValues()) {
                methods.forEach(m -> endpoints.add(m + " " + pattern));
            }
        }
        return endpoints;
    }

    @Test
    @DisplayName("R4.5 R8.3 every endpoint has a rule in the authorization matrix, and every rule an endpoint")
    void everyEndpointHasARule() {
        Set<String> mapped = mapped(mappings);
        assertThat(mapped).as("endpoints without a rule in the matrix").isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("rules for endpoints that no longer exist").isSubsetOf(mapped);
    }

    boolean allowed(Who who, String principal) {
        return switch (who) {
            case PUBLIC -> true;
            case PARTIAL_SIGN_IN -> false; // a fully signed-in session has nothing to do there
            case STAFF -> ROLES.contains(principal);
            case ADMINISTRATOR -> principal.equals("administrator");
            case ADMINISTRATOR_DPO -> principal.equals("administrator") || principal.equals("dpo");
            case CLOUD_SUPPORT -> principal.equals("cloud-support");
            case CLOUD_SUPPORT_ADMINISTRATOR -> principal.equals("cloud-support") || principal.equals("administrator");
            case DPO -> principal.equals("dpo");
            case DPO_OR_TOKEN -> ROLES.contains(principal) || principal.equals("token");
            case DPO_OR_TOKEN_WITH_AUDIT -> principal.equals("dpo") || principal.equals("token");
            case DPO_ADV -> principal.equals("dpo") || principal.equals("adv");
            case STATISTICS -> principal.equals("adv");
            case CAMPAIGNS -> principal.equals("adv");
        };
    }

    HttpResponse<String> call(String principal, String method, String path) {
        boolean api = path.startsWith("/api/") || path.startsWith("/opendsr/");
        Http http = switch (principal) {
            case "anonymous", "token" -> new Http(port);
            default -> sessions.get(principal);
        };
        String[] headers = principal.equals("token") ? new String[] {"Authorization", "Bearer " + token} : new String[] {"Accept", "text/html"};
        if (method.equals("GET")) {
            return http.get(path, headers);
        }
        if (api || principal.equals("token")) {
            return http.json(method, path, "{}", headers);
        }
        // Anonymous: the CSRF token of a public form (the privacy centre's), as a visitor's browser would have.
        String csrf = principal.equals("anonymous") ? Http.csrf(http.get("/mes-droits/demande?type=access").body())
                : Http.csrf(http.get("/backoffice/connexion").body());
        return http.postForm(path, Map.of("_csrf", csrf));
    }

    @Test
    @DisplayName("R4.5 R6.1 R8.3 each endpoint answers each role, a token and anonymous as the matrix says")
    void matrix() {
        List<String> wrong = new ArrayList<>();
        List<String> principals = new ArrayList<>(ROLES);
        principals.add("anonymous");
        principals.add("token");
        for (var rule : EXPECTED.entrySet()) {
            String method = rule.getKey().substring(0, rule.getKey().indexOf(' '));
            String pattern = rule.getKey().substring(method.length() + 1);
            String path = pattern.replace("{id}", UUID.randomUUID().toString()).replace("{ticketRef}", "T-MATRIX")
                    .replace("{documentId}", UUID.randomUUID().toString()).replace("{fileId}", UUID.randomUUID().toString())
                    .replace("{token}", "MATRIX-TOKEN")
                    .replace("{subjectRequestId}", UUID.randomUUID().toString()).replace("{consentId}", UUID.randomUUID().toString());
            if (pattern.equals("/error")) {
                continue; // reached only through a forward; its answer is tested with the errors themselves
            }
            for (String principal : principals) {
                HttpResponse<String> response = call(principal, method, path);
                int status = response.statusCode();
                String location = response.headers().firstValue("Location").orElse("");
                boolean refused = status == 401 || status == 403 || location.endsWith("/backoffice/connexion")
                        || location.endsWith("/backoffice/code");
                boolean expectAllowed = principal.equals("anonymous") || principal.equals("token")
                        ? rule.getValue() == Who.PUBLIC || (principal.equals("token")
                                && (rule.getValue() == Who.DPO_OR_TOKEN || rule.getValue() == Who.DPO_OR_TOKEN_WITH_AUDIT))
                        : allowed(rule.getValue(), principal);
                if (refused == expectAllowed) {
                    wrong.add(rule.getKey() + " as " + principal + ": " + status + " " + location
                            + (expectAllowed ? " (should be allowed)" : " (should be refused)"));
                }
                if (principal.equals("anonymous") && !expectAllowed) {
                    // API: 401 problem; a page: sent to sign in; a form post without a session's CSRF token: 403.
                    boolean api = path.startsWith("/api/") || path.startsWith("/opendsr/");
                    boolean ok = api ? status == 401 : location.endsWith("/backoffice/connexion");
                    if (!ok) {
                        wrong.add(rule.getKey() + " anonymous: expected " + (api ? "401" : "a redirect to sign-in") + ", got " + status);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
