package org.charte.cookies.internal;

import org.charte.cookies.AllowedOrigins;
import org.charte.policy.Policy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The company's sites load {@code consent.js} and record choices from their own origins
 * ({@link AllowedOrigins}: the policy's website and {@code charte.cookies.allowed-origins}): they may
 * fetch the script and its styles, post to {@code /consent/v1/records} and read a consent id's
 * proofs; preflights are answered for them; no credentials cross. A request from any other origin
 * is refused (403) before it reaches the controller; pages Charte serves itself are same-origin.
 */
@Configuration
class ConsentCors implements WebMvcConfigurer {

    static final String RECORDS = "/consent/v1/records";
    static final String BEACON = "/consent/v1/beacon";

    private final AllowedOrigins origins;
    private final CorsConfiguration posts;

    ConsentCors(Policy policy, @Value("${charte.cookies.allowed-origins:}") String configured) {
        this.origins = AllowedOrigins.of(policy.controller().website(), configured);
        Registration registration = new Registration(RECORDS);
        posts(registration, origins.origins().toArray(String[]::new));
        this.posts = registration.configuration();
    }

    AllowedOrigins origins() {
        return origins;
    }

    /**
     * The rules of consent.js's posts ({@code POST /consent/v1/records}, the beacon), for their own doors
     * ({@link ConsentDoor}, {@link BeaconDoor}), which answer ahead of Spring MVC.
     */
    CorsConfiguration posts() {
        return posts;
    }

    /** What may cross to consent.js's posts: the one place of their rules, for Spring MVC and their own doors alike. */
    private static CorsRegistration posts(CorsRegistration registration, String[] allowed) {
        return registration.allowedOrigins(allowed).allowedMethods("POST").allowedHeaders("Content-Type").allowCredentials(false).maxAge(3600);
    }

    /** A registration whose configuration is read here (Spring MVC's registry keeps its own). */
    private static final class Registration extends CorsRegistration {
        Registration(String path) {
            super(path);
        }

        CorsConfiguration configuration() {
            return getCorsConfiguration();
        }
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        String[] allowed = origins.origins().toArray(String[]::new);
        posts(registry.addMapping(RECORDS), allowed);
        // after the exact path: the first pattern that matches decides, and this one matches it too
        registry.addMapping("/consent/v1/records/**").allowedOrigins(allowed)
                .allowedMethods("GET").allowCredentials(false).maxAge(3600);
        // consent.js's beacon: a page of another site is refused (403) before anything is counted
        posts(registry.addMapping(BEACON + "/**"), allowed);
        posts(registry.addMapping(BEACON), allowed);
        registry.addMapping("/consent/v1/consent.js").allowedOrigins(allowed).allowedMethods("GET").allowCredentials(false).maxAge(3600);
        registry.addMapping("/consent/v1/consent.css").allowedOrigins(allowed).allowedMethods("GET").allowCredentials(false).maxAge(3600);
    }
}
