package org.charte.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String SECOND_FACTOR = "FACTOR_TOTP";
    static final String TOKEN = "FACTOR_TOKEN";
    /** A scope no token carries: governing access (staff, grants, tokens) is for people, never integrations. */
    static final String PERSON_ONLY = "person-only";
    /** Public hosting paths: certificates (read, public key, verify) and the client's own export. */
    static final String[] HOSTING_PUBLIC = {"/api/v1/destruction-certificates/**", "/api/v1/client/hosted-databases/*/export"};
    /** The API paths that carry people's data. */
    static final String[] PERSONAL_DATA = {"/api/v1/subjects", "/api/v1/subjects/**", "/api/v1/subscriptions/**",
            "/api/v1/orders/**", "/api/v1/deliveries/**", "/api/v1/invoices/**", "/api/v1/litigations/**", "/api/v1/tickets/**"};

    /**
     * Public: the policy texts, the register, static assets, health. Staff sign in with a password
     * and then a TOTP code (R8.3): until the code, the session may only enter it. Integrations
     * send a bearer token. Everything else is refused anonymously: nothing personal is reachable.
     */
    @Bean
    SecurityFilterChain web(HttpSecurity http, StaffAccounts accounts, org.charte.access.ApiTokens tokens, java.time.Clock clock) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/opendsr/");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/politique-de-confidentialite", "/en", "/en/privacy-policy",
                                "/registre-des-traitements", "/en/record-of-processing-activities",
                                "/api/v1/policy", "/api/v1/policy/**", "/css/**", "/js/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/backoffice/connexion", "/error",
                                "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // Destruction certificates hold nothing personal (R5.5); a client's export proves who they are in its body.
                        .requestMatchers(HOSTING_PUBLIC).permitAll()
                        // The privacy centre, answers' download links and the demo's outbox (404 unless the demo turned it on):
                        // public, CSRF-protected and rate-limited; nothing personal is shown before a code or a link proves who asks.
                        .requestMatchers("/mes-droits", "/mes-droits/**", "/en/my-rights", "/en/my-rights/**",
                                "/telechargement/*", "/en/download/*", "/demo/courriels")
                        .permitAll()
                        // A one-time enrolment link (charte staff create-admin): its 256-bit secret is the credential.
                        .requestMatchers(org.charte.access.AdministratorEnrolment.PATH + "*").permitAll()
                        .requestMatchers("/backoffice/code", "/backoffice/enrolement").hasAuthority(StaffAccounts.PASSWORD_ONLY)
                        .requestMatchers("/backoffice/staff", "/backoffice/staff/**", "/api/v1/staff", "/api/v1/staff/**",
                                "/backoffice/tokens", "/backoffice/tokens/**", "/api/v1/tokens", "/api/v1/tokens/**")
                        .access(allow(PERSON_ONLY, "ADMINISTRATOR"))
                        .requestMatchers("/backoffice/subcontractors", "/backoffice/subcontractors/**",
                                "/api/v1/subcontractors", "/api/v1/subcontractors/**")
                        .access(allow(PERSON_ONLY, "ADMINISTRATOR", "DPO"))
                        .requestMatchers("/backoffice/grants", "/backoffice/grants/**", "/api/v1/grants", "/api/v1/grants/**")
                        .access(allow(PERSON_ONLY, "ADMINISTRATOR", "DPO"))
                        .requestMatchers("/api/v1/security-monitoring-requests", "/api/v1/security-monitoring-requests/**",
                                "/api/v1/tickets/*/security-monitoring-requests")
                        .access(allow(PERSON_ONLY, "CLOUD_SUPPORT"))
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/hosted-databases")
                        .access(allow(PERSON_ONLY, "CLOUD_SUPPORT", "ADMINISTRATOR"))
                        .requestMatchers("/api/v1/hosted-databases/*/destroy").access(allow(PERSON_ONLY, "ADMINISTRATOR", "DPO"))
                        // Credentials and exports: any person past the second factor, the decision point then decides (R3.3).
                        .requestMatchers("/api/v1/hosted-databases", "/api/v1/hosted-databases/**").hasAuthority(SECOND_FACTOR)
                        .requestMatchers("/backoffice/engagement/publier").access(allow(PERSON_ONLY, "DPO"))
                        // Rights requests: the DPO handles them; sales administration may record one received by post or e-mail.
                        .requestMatchers("/backoffice/droits/nouvelle").access(allow(PERSON_ONLY, "DPO", "ADV"))
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/rights-requests").access(allow(PERSON_ONLY, "DPO", "ADV"))
                        .requestMatchers("/backoffice/droits", "/backoffice/droits/**", "/api/v1/rights-requests", "/api/v1/rights-requests/**")
                        .access(allow(PERSON_ONLY, "DPO"))
                        // OpenDSR 2.0 (R9.5): discovery is public (what the policy already publishes); requests are filed and
                        // cancelled by the DPO or a token with rights:write, read with rights:read; a token sees only its own.
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/opendsr/v1/discovery").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/opendsr/v1/requests/**")
                        .access(dpoOrToken("rights:read", "DPO", "ADV"))
                        .requestMatchers("/opendsr/**").access(dpoOrToken("rights:write", "DPO", "ADV"))
                        // Restriction, objection, Art. 19 notices, post-mortem actions (L5, R9.2, R9.4): the DPO.
                        .requestMatchers("/api/v1/restrictions", "/api/v1/restrictions/**", "/api/v1/objections", "/api/v1/objections/**",
                                "/api/v1/recipient-notices", "/api/v1/post-mortem-actions", "/api/v1/post-mortem-actions/**")
                        .access(allow(PERSON_ONLY, "DPO"))
                        .requestMatchers("/backoffice/audit", "/backoffice/audit/**").access(allow(PERSON_ONLY, "DPO"))
                        // The screen's accepted false positives (R3.6): the DPO reviews them.
                        .requestMatchers("/backoffice/filtrage", "/backoffice/filtrage/**", "/api/v1/screening/**").access(allow(PERSON_ONLY, "DPO"))
                        .requestMatchers("/api/v1/audit/**").access(allow("audit:read", "DPO"))
                        // Legal holds: placed and released by the DPO, read by the DPO and administrators (R5.6).
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/legal-holds").access(allow(PERSON_ONLY, "DPO", "ADMINISTRATOR"))
                        .requestMatchers("/api/v1/legal-holds", "/api/v1/legal-holds/**").access(allow(PERSON_ONLY, "DPO"))
                        // The intermediate archive's entries (L4), listed and opened: a person past the second factor; inside,
                        // only the roles an archive obligation names, for its purpose (decided and audited there).
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/retention/archive/**", "/backoffice/conservation/archive",
                                "/backoffice/conservation/archive/**").hasAuthority(SECOND_FACTOR)
                        // Retention page (R5.6, L4): the DPO, an administrator may read it; its forms are the DPO's.
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/backoffice/conservation", "/backoffice/conservation/executions/*")
                        .access(allow(PERSON_ONLY, "DPO", "ADMINISTRATOR"))
                        .requestMatchers("/backoffice/conservation", "/backoffice/conservation/**").access(allow(PERSON_ONLY, "DPO"))
                        // Retention runs and forecast: the DPO, or a DPO's token with retention:read (reading) or
                        // retention:run (starting a dry run; a real run is for the DPO in person, checked inside).
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/retention/**").access(allow("retention:read", "DPO"))
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/retention/runs").access(allow("retention:run", "DPO"))
                        .requestMatchers("/api/v1/retention/**").access(allow(PERSON_ONLY, "DPO"))
                        // The intermediate archive (L4): its summary for the DPO; an entry for a person past the second
                        // factor, whose role the entry's obligation must name (decided inside, with a grant).
                        .requestMatchers("/api/v1/archive").access(allow(PERSON_ONLY, "DPO"))
                        .requestMatchers("/api/v1/archive/**").hasAuthority(SECOND_FACTOR)
                        // Personal data: a token needs subjects:read to read and subjects:write to record; the
                        // decision point then decides each call (a token only ever records new data).
                        .requestMatchers(org.springframework.http.HttpMethod.GET, PERSONAL_DATA).access(personOrToken("subjects:read"))
                        .requestMatchers(PERSONAL_DATA).access(personOrToken("subjects:write"))
                        .requestMatchers("/backoffice", "/backoffice/**").hasAuthority(SECOND_FACTOR)
                        .anyRequest().hasAnyAuthority(SECOND_FACTOR, TOKEN))
                .formLogin(form -> form.loginPage("/backoffice/connexion")
                        .successHandler((request, response, authentication) ->
                                response.sendRedirect(request.getContextPath() + (accounts.find(authentication.getName())
                                        .map(m -> m.enrolled()).orElse(false) ? "/backoffice/code" : "/backoffice/enrolement")))
                        .failureHandler((request, response, exception) -> {
                            if (!(exception instanceof LockedException)) {
                                accounts.recordFailure(String.valueOf(request.getParameter("username")));
                            }
                            response.sendRedirect(request.getContextPath() + "/backoffice/connexion?"
                                    + (exception instanceof LockedException ? "locked" : "error"));
                        }))
                .logout(logout -> logout.logoutUrl("/backoffice/deconnexion").logoutSuccessUrl("/backoffice/connexion?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new ApiTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new SessionExpiry(clock), org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        && request.getHeader("Authorization").startsWith("Bearer "))
                        // No session or cookie is used there: nothing a forged request could ride on.
                        .ignoringRequestMatchers(HOSTING_PUBLIC))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new ProblemEntryPoint(), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/backoffice/connexion"),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(deniedHandler(api)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), interest-cohort=()"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * One of the roles, and either a session past its second factor or a token with the scope:
     * a token never reaches more than its scopes, a person never more than their role.
     */
    static org.springframework.security.authorization.AuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> allow(
            String scope, String... roles) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new org.springframework.security.authorization.AuthorizationDecision(false);
            }
            var authorities = auth.getAuthorities().stream().map(a -> a.getAuthority()).collect(java.util.stream.Collectors.toSet());
            boolean role = java.util.Arrays.stream(roles).anyMatch(r -> authorities.contains("ROLE_" + r));
            boolean factor = authorities.contains(SECOND_FACTOR) || (authorities.contains(TOKEN) && authorities.contains("SCOPE_" + scope));
            return new org.springframework.security.authorization.AuthorizationDecision(role && factor);
        };
    }

    /**
     * A DPO past the second factor, or a token with the scope whose role is one of those that may
     * record rights requests (the DPO, sales administration).
     */
    static org.springframework.security.authorization.AuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> dpoOrToken(
            String scope, String... tokenRoles) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new org.springframework.security.authorization.AuthorizationDecision(false);
            }
            var authorities = auth.getAuthorities().stream().map(a -> a.getAuthority()).collect(java.util.stream.Collectors.toSet());
            boolean person = authorities.contains(SECOND_FACTOR) && authorities.contains("ROLE_DPO");
            boolean token = authorities.contains(TOKEN) && authorities.contains("SCOPE_" + scope)
                    && java.util.Arrays.stream(tokenRoles).anyMatch(r -> authorities.contains("ROLE_" + r));
            return new org.springframework.security.authorization.AuthorizationDecision(person || token);
        };
    }

    /**
     * Any person past the second factor (the decision point then decides on each person's data),
     * or a token with the scope.
     */
    static org.springframework.security.authorization.AuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> personOrToken(
            String scope) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new org.springframework.security.authorization.AuthorizationDecision(false);
            }
            var authorities = auth.getAuthorities().stream().map(a -> a.getAuthority()).collect(java.util.stream.Collectors.toSet());
            return new org.springframework.security.authorization.AuthorizationDecision(authorities.contains(SECOND_FACTOR)
                    || (authorities.contains(TOKEN) && authorities.contains("SCOPE_" + scope)));
        };
    }

    /**
     * A signed-in person without the rights gets a 403 (problem+json on the API); a session still
     * waiting for its second factor is sent back to the code page.
     */
    private static AccessDeniedHandler deniedHandler(RequestMatcher api) {
        return (request, response, denied) -> {
            var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            boolean waitingForCode = authentication != null && authentication.getAuthorities().stream()
                    .anyMatch(a -> StaffAccounts.PASSWORD_ONLY.equals(a.getAuthority()));
            if (waitingForCode && !api.matches(request)) {
                response.sendRedirect(request.getContextPath() + "/backoffice/code");
            } else if (api.matches(request)) {
                problem(response, 403, "Forbidden", "Your role or token scope does not allow this.", request.getRequestURI());
            } else {
                response.sendError(403);
            }
        };
    }

    static void problem(HttpServletResponse response, int status, String title, String detail, String instance) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance.replace("\"", "").replace("\\", "") + "\"}");
    }

    /** An unauthenticated API call gets a problem+json 401, not a redirect to the sign-in page. */
    static final class ProblemEntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
            problem(response, 401, "Unauthorized", "Sign in or send a valid API token.", request.getRequestURI());
        }
    }
}
