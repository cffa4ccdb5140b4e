package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The request meters at {@code /actuator/prometheus} ({@code http.server.requests}, tagged by route
 * pattern) cover every route: the limit on distinct uri tags is above the number of routes, so no
 * route goes unmeasured once a hundred others have been served (Micrometer's default limit). The
 * test contexts record no request meters (Spring Boot's tests turn observations off), so the
 * setting is what is checked.
 */
class RequestMetersTests extends RightsTestBase {

    /** Tags other than the application's patterns: Spring's NOT_FOUND, REDIRECTION, UNKNOWN, root, and the actuator's endpoints. */
    static final int OTHER_TAGS = 20;

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired Environment environment;

    @Test
    @DisplayName("R8.3 every route keeps its request meter: the limit on distinct uri tags is above the routes' patterns")
    void everyRouteMetered() {
        Set<String> patterns = mappings.getHandlerMethods().keySet().stream().flatMap(info -> info.getPatternValues().stream())
                .collect(Collectors.toSet());
        assertThat(patterns).hasSizeGreaterThan(100); // over Micrometer's default limit: the reason for the setting
        int limit = environment.getRequiredProperty("management.metrics.web.server.max-uri-tags", Integer.class);
        assertThat(limit).isGreaterThan(patterns.size() + OTHER_TAGS);
    }

    @Test
    @DisplayName("R8.3 no request pays for an in-flight long-task timer: the observations' active meters are off, their timers kept")
    void noActiveTimers() {
        assertThat(environment.getRequiredProperty("management.metrics.observations.ignored-meters")).isEqualTo("long-task-timer");
    }
}
