package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.charte.common.UrlRules;
import org.charte.testing.CharteIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The main chain's doors indexed by their leading literal segments ({@link IndexedDoors}) decide
 * every request as trying every door in order does: for a request made from every pattern of every
 * module's rules, by every method, and for paths no rule has, for an anonymous caller, staff of
 * several roles before and after their second factor, and tokens.
 */
@CharteIntegrationTest
class IndexedDoorsTests {

    @Autowired
    List<UrlRules> modules;

    @Autowired
    PathPatternRequestMatcher.Builder paths;

    static String pathOf(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b").replaceAll("\\{[^}]+}", "0b6d2c9e-1111-4222-8333-444455556666")
                .replace("**", "a/b").replace("*", "a");
    }

    static @Nullable Boolean decide(IndexedDoors doors, String method, String path, @Nullable Authentication who, boolean parsed) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        Supplier<Authentication> authentication = () -> who;
        AuthorizationResult result = doors.authorize(authentication, new RequestAuthorizationContext(request));
        return result == null ? null : result.isGranted();
    }

    static Authentication person(String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null, AuthorityUtils.createAuthorityList(authorities));
    }

    @Test
    @DisplayName("R8.3 the indexed doors decide as every door tried in order, for every pattern, method and caller")
    void sameAsEveryDoorInOrder() {
        List<UrlRules.Rule> rules = UrlRules.collect(modules);
        IndexedDoors indexed = SecurityConfiguration.doors(rules, paths, true);
        IndexedDoors inOrder = SecurityConfiguration.doors(rules, paths, false);
        List<String> requests = new ArrayList<>();
        for (UrlRules.Rule rule : rules) {
            for (String pattern : rule.patterns()) {
                for (String method : List.of("GET", "POST", "PATCH", "DELETE")) {
                    requests.add(method + " " + pathOf(pattern));
                }
            }
        }
        for (String path : List.of("/", "/nothing", "/api/v1/nothing/here", "/API/v1/subjects", "/api/v1/subjects/x/y/z", "/api/v1/%73ubjects",
                "/api;x=1/v1/subjects", "/backoffice", "/backoffice/", "/backoffice/x/y", "/api/v1/subjects/", "/a/b/c/d/e/f/g/h/i/j/k/l/m",
                "/u", "/u/", "/consent/v1/records", "/actuator/health", "/actuator/prometheus", "/en", "/en/")) {
            requests.add("GET " + path);
            requests.add("POST " + path);
        }
        assertThat(requests).hasSizeGreaterThan(400);
        List<@Nullable Authentication> callers = new ArrayList<>();
        callers.add(null);
        callers.add(new TestingAuthenticationToken("anonymous", null, "ROLE_ANONYMOUS"));
        callers.add(person(StaffAccounts.PASSWORD_ONLY));
        for (String role : List.of("ROLE_DPO", "ROLE_ADV", "ROLE_ADMINISTRATOR", "ROLE_CLOUD_SUPPORT", "ROLE_ACCOUNTING")) {
            callers.add(person(role, SecurityConfiguration.SECOND_FACTOR));
            callers.add(person(role, StaffAccounts.PASSWORD_ONLY));
        }
        callers.add(person(SecurityConfiguration.TOKEN, "ROLE_DPO", "SCOPE_subjects:read", "SCOPE_audit:read", "SCOPE_policy:write"));
        callers.add(person(SecurityConfiguration.TOKEN, "ROLE_ADMINISTRATOR", "SCOPE_staff:write"));
        int granted = 0;
        int refused = 0;
        for (String r : requests) {
            String[] request = r.split(" ", 2);
            for (Authentication caller : callers) {
                Boolean fast = decide(indexed, request[0], request[1], caller, true);
                assertThat(fast).as(r + " as " + caller).isEqualTo(decide(inOrder, request[0], request[1], caller, true))
                        .isEqualTo(decide(indexed, request[0], request[1], caller, false));
                if (Boolean.TRUE.equals(fast)) {
                    granted++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(granted).as("some requests are let through").isGreaterThan(100);
        assertThat(refused).as("and some refused").isGreaterThan(100);
    }

    @Test
    @DisplayName("R8.3 a request is tried against the doors of its own leading segments and the doors for any path only, in order")
    void fewCandidates() {
        IndexedDoors indexed = SecurityConfiguration.doors(UrlRules.collect(modules), paths, true);
        MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/v1/subjects/0b6d2c9e-1111-4222-8333-444455556666");
        ServletRequestPathUtils.parseAndCache(read);
        int[] candidates = indexed.candidates(read);
        assertThat(candidates).isNotNull();
        assertThat(candidates.length).isLessThan(indexed.size() / 4);
        assertThat(candidates).isSorted();
        assertThat(candidates[candidates.length - 1]).as("the fallback, last").isEqualTo(indexed.size() - 1);
        assertThat(SecurityConfiguration.doors(UrlRules.collect(modules), paths, false).candidates(read)).as("not indexed: every door").isNull();
    }
}
