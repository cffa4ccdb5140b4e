package org.charte.cookies.internal;

import org.charte.cookies.AllowedOrigins;
import org.charte.policy.Policy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
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

    private final AllowedOrigins origins;

    ConsentCors(Policy policy, @Value("${charte.cookies.allowed-origins:}") String configured) {
        this.origins = AllowedOrigins.of(policy.controller().website(), configured);
    }

    AllowedOrigins origins() {
        return origins;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        String[] allowed = origins.origins().toArray(String[]::new);
        registry.addMapping("/consent/v1/records").allowedOrigins(allowed)
                .allowedMethods("POST").allowedHeaders("Content-Type").allowCredentials(false).maxAge(3600);
        // after the exact path: the first pattern that matches decides, and this one matches it too
        registry.addMapping("/consent/v1/records/**").allowedOrigins(allowed)
                .allowedMethods("GET").allowCredentials(false).maxAge(3600);
        // consent.js's beacon: a page of another site is refused (403) before anything is counted
        registry.addMapping("/consent/v1/beacon/**").allowedOrigins(allowed).allowedMethods("POST").allowedHeaders("Content-Type")
                .allowCredentials(false).maxAge(3600);
        registry.addMapping("/consent/v1/beacon").allowedOrigins(allowed).allowedMethods("POST").allowedHeaders("Content-Type")
                .allowCredentials(false).maxAge(3600);
        registry.addMapping("/consent/v1/consent.js").allowedOrigins(allowed).allowedMethods("GET").allowCredentials(false).maxAge(3600);
        registry.addMapping("/consent/v1/consent.css").allowedOrigins(allowed).allowedMethods("GET").allowCredentials(false).maxAge(3600);
    }
}
