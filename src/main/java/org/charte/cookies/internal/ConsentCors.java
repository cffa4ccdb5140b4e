package org.charte.cookies.internal;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The company's sites record choices from their own origins: {@code charte.cookies.allowed-origins}
 * (comma-separated, e.g. {@code https://www.example.org}) may post to {@code /consent/v1/records} and
 * read a consent id's proofs; no credentials cross. None by default: only pages Charte serves.
 */
@Configuration
class ConsentCors implements WebMvcConfigurer {

    private final List<String> origins;

    ConsentCors(@Value("${charte.cookies.allowed-origins:}") String origins) {
        this.origins = Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (origins.isEmpty()) {
            return;
        }
        registry.addMapping("/consent/v1/records/**").allowedOrigins(origins.toArray(String[]::new))
                .allowedMethods("GET", "POST").allowedHeaders("Content-Type").allowCredentials(false).maxAge(3600);
        registry.addMapping("/consent/v1/records").allowedOrigins(origins.toArray(String[]::new))
                .allowedMethods("POST").allowedHeaders("Content-Type").allowCredentials(false).maxAge(3600);
    }
}
