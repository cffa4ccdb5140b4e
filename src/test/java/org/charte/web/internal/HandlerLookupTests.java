package org.charte.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.charte.common.UrlRules;
import org.charte.testing.CharteIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * {@link IndexedHandlerMappings} finds the same handler as Spring MVC's scan of every mapping, for a
 * request made from every pattern of the application, by each of its methods, and for a few paths
 * no pattern has.
 */
@CharteIntegrationTest
class HandlerLookupTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A concrete path a pattern matches: its variables and wildcards filled in. */
    static String pathOf(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b").replaceAll("\\{[^}]+}", "0b6d2c9e-1111-4222-8333-444455556666")
                .replace("**", "a/b").replace("*", "a");
    }

    record Outcome(@Nullable HandlerMethod handler, @Nullable String failure) {}

    Outcome lookup(IndexedHandlerMappings indexed, String method, String path, boolean all) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", "application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            return new Outcome(all ? indexed.scanAll(path, request) : indexed.lookupHandlerMethod(path, request), null);
        } catch (Exception e) {
            return new Outcome(null, e.getClass().getName());
        }
    }

    @Test
    @DisplayName("R8.3 the indexed handler lookup answers as Spring MVC's scan of every mapping, for every pattern and method of the application")
    void sameAsTheFullScan() {
        assertThat(mappings).isInstanceOf(IndexedHandlerMappings.class);
        IndexedHandlerMappings indexed = (IndexedHandlerMappings) mappings;
        List<String[]> requests = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    requests.add(new String[] {method.name(), pathOf(pattern.getPatternString())});
                }
                requests.add(new String[] {"DELETE", pathOf(pattern.getPatternString())});
            }
        }
        for (String path : List.of("/", "/nothing", "/api/v1/nothing/here", "/API/v1/subjects", "/api/v1/subjects/x/y/z", "/api/v1/%73ubjects",
                "/api;x=1/v1/subjects", "/backoffice/", "/api/v1/subjects/", "/api/v1/subjects/0b6d2c9e-1111-4222-8333-444455556666/x",
                "/a/b/c/d/e/f/g/h/i/j/k/l/m/n", "/api/v1/bench-noop", "/u", "/u/")) {
            requests.add(new String[] {"GET", path});
            requests.add(new String[] {"POST", path});
        }
        assertThat(requests).hasSizeGreaterThan(200);
        int answered = 0;
        for (String[] r : requests) {
            Outcome fast = lookup(indexed, r[0], r[1], false);
            Outcome full = lookup(indexed, r[0], r[1], true);
            assertThat(fast).as(r[0] + " " + r[1]).isEqualTo(full);
            if (full.handler() != null) {
                answered++;
            }
        }
        assertThat(answered).as("the patterns' own requests found their handlers (the DELETEs and the unknown paths mostly not)")
                .isGreaterThan(mappings.getHandlerMethods().size() / 2);
    }

    @Test
    @DisplayName("R8.3 a pattern is indexed by all the literal segments it starts with, up to its first variable or wildcard")
    void literalSegments() {
        assertThat(UrlRules.leadingLiterals("/api/v1/subjects/{id}")).containsExactly("api", "v1", "subjects");
        assertThat(UrlRules.leadingLiterals("/api/v1/subjects/{id}/orders")).containsExactly("api", "v1", "subjects");
        assertThat(UrlRules.leadingLiterals("/api/v1/bench-noop")).containsExactly("api", "v1", "bench-noop");
        assertThat(UrlRules.leadingLiterals("/u/{token}")).containsExactly("u");
        assertThat(UrlRules.leadingLiterals("/backoffice")).containsExactly("backoffice");
        assertThat(UrlRules.leadingLiterals("/backoffice/")).containsExactly("backoffice");
        assertThat(UrlRules.leadingLiterals("/{lang}/privacy")).isEmpty();
        assertThat(UrlRules.leadingLiterals("/api/*/x")).containsExactly("api");
        assertThat(UrlRules.leadingLiterals("/api/v%31/x")).containsExactly("api");
        assertThat(UrlRules.leadingLiterals("/**")).isEmpty();
        assertThat(UrlRules.leadingLiterals("/")).isEmpty();
        assertThat(UrlRules.leadingLiterals("")).isEmpty();
    }
}
