package org.charte.web.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Public: the policy texts, the register, static assets and health. Everything else needs a
     * signed-in member of staff: nothing personal is reachable anonymously (R8.3).
     */
    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/politique-de-confidentialite", "/en", "/en/privacy-policy",
                                "/registre-des-traitements", "/en/record-of-processing-activities",
                                "/api/v1/policy", "/api/v1/policy/**", "/css/**", "/js/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/backoffice/connexion", "/error")
                        .permitAll()
                        .requestMatchers("/backoffice/audit", "/backoffice/audit/**", "/api/v1/audit/**").hasRole("DPO")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/backoffice/connexion").defaultSuccessUrl("/backoffice", true)
                        .failureUrl("/backoffice/connexion?error"))
                .logout(logout -> logout.logoutUrl("/backoffice/deconnexion").logoutSuccessUrl("/backoffice/connexion?logout"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new ProblemEntryPoint(HttpStatus.UNAUTHORIZED), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/backoffice/connexion"),
                                AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), interest-cohort=()"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** An unauthenticated API call gets a problem+json 401, not a redirect to the sign-in page. */
    static final class ProblemEntryPoint implements org.springframework.security.web.AuthenticationEntryPoint {
        private final HttpStatus status;

        ProblemEntryPoint(HttpStatus status) {
            this.status = status;
        }

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                org.springframework.security.core.AuthenticationException authException) {
            response.setStatus(status.value());
            response.setCharacterEncoding("UTF-8");
            response.setContentType("application/problem+json");
            try {
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"Sign in or send a valid API token.\",\"instance\":\""
                        + request.getRequestURI().replace("\"", "") + "\"}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
