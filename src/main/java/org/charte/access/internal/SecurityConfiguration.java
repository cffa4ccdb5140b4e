package org.charte.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.charte.access.SecurityHeaders;
import org.charte.common.UrlRules;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String SECOND_FACTOR = "FACTOR_TOTP";
    static final String TOKEN = "FACTOR_TOKEN";
    /** A scope no token carries: a door for roles without a token scope is for people, never integrations. */
    static final String PERSON_ONLY = "person-only";

    /**
     * No observation of each security filter, authentication and authorization: nothing reads
     * them (no traces are exported; the meters at {@code /actuator/prometheus} do not count them), and
     * wrapping every filter of the chain in an observation cost about a tenth of the CPU of a
     * request (the profiles of the one-click unsubscribe and of the cookie choices, bench/RESULTS.md). HTTP request metrics stay.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Each module declares its own doors ({@link UrlRules}): public pages, the privacy centre, who
     * may call what. Staff sign in with a password and then a TOTP code (R8.3): until the code, the
     * session may only enter it. Integrations send a bearer token. Whatever no module opens is for
     * a person past the second factor (the back office) or also a token (the rest): nothing
     * personal is reachable anonymously.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain web(HttpSecurity http, StaffAccounts accounts, DisabledLogins disabledLogins, ApiTokens tokens, Clock clock,
            List<UrlRules> modules, PathPatternRequestMatcher.Builder paths, @Value("${spring.mvc.servlet.path:/}") String servletPath)
            throws Exception {
        List<UrlRules.Rule> rules = UrlRules.collect(modules);
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/opendsr/")
                // the meters: a Prometheus server gets a 401, not the sign-in page
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
        String[] withoutSession = rules.stream().filter(rule -> rule.who() == UrlRules.Who.ANYONE_WITHOUT_SESSION)
                .flatMap(rule -> rule.patterns().stream()).toArray(String[]::new);
        IndexedDoors doors = doors(rules, paths, servletPath.isEmpty() || servletPath.equals("/"));
        http.authorizeHttpRequests(requests -> requests.anyRequest().access(doors))
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
                .addFilterAfter(new SessionExpiry(clock, disabledLogins::disabled), SecurityContextHolderFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        && request.getHeader("Authorization").startsWith("Bearer "))
                        // Doors that use no session or cookie: nothing a forged request could ride on.
                        .ignoringRequestMatchers(withoutSession))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new ProblemEntryPoint(), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/backoffice/connexion"),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(deniedHandler(api)))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    /**
     * The doors that use no session ({@link UrlRules.Who#ANYONE_WITHOUT_SESSION}: the proofs of cookie
     * choices and the audience beacon, the one-click unsubscribe, the published audit checkpoints, a
     * hosting client's sign-in and export), through a chain of their own, ahead of {@link #web}: they
     * are open to anyone, so nothing of the staff's machinery has anything to decide there, and they are
     * Charte's busiest doors (bench/RESULTS.md, consent). No session is read, created or saved, no
     * security context kept, no CSRF token, sign-in, sign-out or saved request; the same headers as
     * every other answer ({@link #headers}). A request carrying a bearer token still goes through
     * {@link #web}, whose token filter answers a wrong token 401, as on any door.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain withoutSession(HttpSecurity http, List<UrlRules> modules) throws Exception {
        http.securityMatcher(new NoSessionDoors(UrlRules.collect(modules)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .exceptionHandling(errors -> errors.disable())
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    /**
     * The headers of every answer for the doors that answer ahead of the chains (the proofs of cookie
     * choices): the header writers of {@link #withoutSession}'s chain, the same as {@link #web}'s.
     */
    @Bean
    SecurityHeaders securityHeaders(@Qualifier("withoutSession") SecurityFilterChain withoutSession) {
        HeaderWriterFilter headers = withoutSession.getFilters().stream().filter(HeaderWriterFilter.class::isInstance)
                .map(HeaderWriterFilter.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("the chain without session writes no headers"));
        return headers::doFilter;
    }

    /** The headers of every answer, whichever chain it went through (R8.5). */
    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), interest-cohort=()"))
                .frameOptions(frame -> frame.deny());
    }

    /**
     * Every module's doors, in order, then the back office for a person past the second factor and
     * anything else for such a person or a token: the first door that matches decides. Each pattern
     * is matched as Spring Security's {@code requestMatchers} would (the application's
     * {@link PathPatternRequestMatcher.Builder}, with the rule's method if it has one); the doors are
     * indexed by their patterns' leading literal segments ({@link IndexedDoors}) when the dispatcher
     * is at the root.
     */
    static IndexedDoors doors(List<UrlRules.Rule> rules, PathPatternRequestMatcher.Builder paths, boolean indexed) {
        IndexedDoors.Builder doors = IndexedDoors.builder(indexed);
        for (UrlRules.Rule rule : rules) {
            AuthorizationManager<RequestAuthorizationContext> who = who(rule);
            for (String pattern : rule.patterns()) {
                doors.door(pattern, paths.matcher(rule.method(), pattern), who);
            }
        }
        AuthorizationManager<RequestAuthorizationContext> secondFactor = AuthorityAuthorizationManager.hasAuthority(SECOND_FACTOR);
        doors.door("/backoffice", paths.matcher("/backoffice"), secondFactor).door("/backoffice/**", paths.matcher("/backoffice/**"), secondFactor);
        return doors.anyRequest(AuthorityAuthorizationManager.hasAnyAuthority(SECOND_FACTOR, TOKEN));
    }

    /** Who may pass one module's door, in Spring Security's terms. */
    private static AuthorizationManager<RequestAuthorizationContext> who(UrlRules.Rule rule) {
        String[] roles = rule.roles().toArray(String[]::new);
        return switch (rule.who()) {
            case ANYONE, ANYONE_WITHOUT_SESSION -> SingleResultAuthorizationManager.permitAll();
            case WAITING_FOR_SECOND_FACTOR -> AuthorityAuthorizationManager.hasAuthority(StaffAccounts.PASSWORD_ONLY);
            case SIGNED_IN -> rule.scope() == null ? AuthorityAuthorizationManager.hasAuthority(SECOND_FACTOR) : personOrToken(rule.scope());
            case ROLES -> allow(roles, rule.scope() == null ? PERSON_ONLY : rule.scope(), rule.tokenRoles().toArray(String[]::new));
        };
    }

    /**
     * A person past the second factor with one of the roles, or a token with the scope whose role
     * is one of the token roles: a token never reaches more than its scopes, a person never more
     * than their role.
     */
    static AuthorizationManager<RequestAuthorizationContext> allow(String[] roles, String scope, String[] tokenRoles) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new AuthorizationDecision(false);
            }
            Set<String> authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
            boolean person = authorities.contains(SECOND_FACTOR) && anyRole(authorities, roles);
            boolean token = authorities.contains(TOKEN) && authorities.contains("SCOPE_" + scope) && anyRole(authorities, tokenRoles);
            return new AuthorizationDecision(person || token);
        };
    }

    private static boolean anyRole(Set<String> authorities, String[] roles) {
        for (String role : roles) {
            if (authorities.contains("ROLE_" + role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Any person past the second factor (the decision point then decides on each person's data),
     * or a token with the scope.
     */
    static AuthorizationManager<RequestAuthorizationContext> personOrToken(String scope) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new AuthorizationDecision(false);
            }
            Set<String> authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
            return new AuthorizationDecision(authorities.contains(SECOND_FACTOR)
                    || (authorities.contains(TOKEN) && authorities.contains("SCOPE_" + scope)));
        };
    }

    /**
     * A signed-in person without the rights gets a 403 (problem+json on the API); a session still
     * waiting for its second factor is sent back to the code page.
     */
    private static AccessDeniedHandler deniedHandler(RequestMatcher api) {
        return (request, response, denied) -> {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
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
