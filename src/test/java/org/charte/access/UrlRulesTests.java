package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.charte.common.UrlRules;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Each module declares the doors of the URLs it serves ({@link UrlRules}); the security
 * configuration collects them. AuthorizationMatrixTests checks what the doors let through; this
 * checks that every module's are loaded and that no two modules claim the same request, which is
 * what makes the order between modules irrelevant.
 */
@CharteIntegrationTest
class UrlRulesTests {

    static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Autowired
    List<UrlRules> modules;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    static String moduleOf(Class<?> type) {
        String rest = type.getPackageName().substring("org.charte.".length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }

    @Test
    @DisplayName("R8.3 every module that serves a URL declares its own doors, and they are all collected")
    void everyModuleDeclaresItsDoors() {
        Set<String> serving = new TreeSet<>();
        for (HandlerMethod handler : mappings.getHandlerMethods().values()) {
            if (handler.getBeanType().getPackageName().startsWith("org.charte.")) {
                serving.add(moduleOf(handler.getBeanType()));
            }
        }
        Set<String> declaring = new TreeSet<>();
        UrlRules.collect(modules).forEach(rule -> declaring.add(rule.module()));
        assertThat(serving).contains("access", "audit", "commerce", "hosting", "policy", "retention", "rights", "subjects", "support",
                "web");
        assertThat(declaring).containsAll(serving).contains("mail");
    }

    @Test
    @DisplayName("R8.3 no request is claimed by the doors of two modules, so each module's order alone decides")
    void noTwoModulesClaimTheSameRequest() {
        List<UrlRules.Rule> rules = UrlRules.collect(modules);
        Set<String> paths = new TreeSet<>();
        for (UrlRules.Rule rule : rules) {
            for (String pattern : rule.patterns()) {
                paths.add(pattern.replace("/**", "").replace("*", "x"));
                paths.add(pattern.replace("/**", "/x").replace("*", "x"));
                paths.add(pattern.replace("/**", "/x/y").replace("*", "x"));
            }
        }
        for (String endpoint : AuthorizationMatrixTests.mapped(mappings)) {
            paths.add(endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x"));
        }
        List<String> claimedTwice = new ArrayList<>();
        for (String path : paths) {
            for (HttpMethod method : METHODS) {
                var request = new MockHttpServletRequest(method.name(), path);
                Set<String> claiming = new TreeSet<>();
                for (UrlRules.Rule rule : rules) {
                    for (String pattern : rule.patterns()) {
                        if (PathPatternRequestMatcher.withDefaults().matcher(rule.method(), pattern).matches(request)) {
                            claiming.add(rule.module());
                        }
                    }
                }
                if (claiming.size() > 1) {
                    claimedTwice.add(method + " " + path + " " + claiming);
                }
            }
        }
        assertThat(paths).hasSizeGreaterThan(100);
        assertThat(claimedTwice).isEmpty();
    }
}
