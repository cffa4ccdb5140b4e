package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.StaffDirectory;
import org.charte.common.UrlRules;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The doors without session (consent proofs and beacon, one-click unsubscribe, published audit
 * checkpoints, a hosting client's sign-in and export) go through a light chain of their own
 * ({@link NoSessionDoors}): exactly the requests the main chain's rules would let anyone through
 * without a CSRF token, answered with the same headers, never with a session.
 */
@CharteIntegrationTest
class NoSessionDoorsTests {

    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
    static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
            "Referrer-Policy", "Permissions-Policy", "X-XSS-Protection");
    static final List<String> NO_STORE = List.of("Cache-Control", "Pragma", "Expires");

    @LocalServerPort
    int port;

    @Autowired
    List<UrlRules> modules;

    @Autowired
    StaffDirectory staff;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    @DisplayName("R8.3 the light chain takes exactly the requests whose deciding rule is a door without session, nothing else")
    void sameDoorsAsTheRules() {
        List<UrlRules.Rule> rules = UrlRules.collect(modules);
        NoSessionDoors doors = new NoSessionDoors(rules);
        Set<String> paths = new TreeSet<>();
        for (UrlRules.Rule rule : rules) {
            for (String pattern : rule.patterns()) {
                paths.add(pattern.replace("/**", "").replace("*", "x"));
                paths.add(pattern.replace("/**", "/x").replace("*", "x"));
                paths.add(pattern.replace("/**", "/x/y").replace("*", "x"));
            }
        }
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            info.getPatternValues().forEach(pattern -> paths.add(pattern.replaceAll("\\{[^}]+}", "x")));
        }
        List<String> light = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (String path : paths) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                    HttpMethod.DELETE, HttpMethod.OPTIONS)) {
                boolean withoutSession = UrlRules.deciding(rules, method, path).map(r -> r.who() == UrlRules.Who.ANYONE_WITHOUT_SESSION)
                        .orElse(false);
                MockHttpServletRequest request = new MockHttpServletRequest(method.name(), path);
                if (doors.matches(request) != withoutSession) {
                    differ.add(method + " " + path);
                }
                if (withoutSession) {
                    light.add(method + " " + path);
                    request.addHeader("Authorization", "Bearer abc");
                    assertThat(doors.matches(request)).as("a bearer token goes through the main chain: " + method + " " + path).isFalse();
                }
            }
        }
        assertThat(paths).hasSizeGreaterThan(100);
        assertThat(differ).isEmpty();
        assertThat(light).contains("POST /consent/v1/records", "GET /consent/v1/records/x", "POST /consent/v1/beacon", "POST /u/x",
                "GET /api/v1/audit/checkpoints").doesNotContain("GET /u/x", "POST /u/x/preferences", "POST /api/v1/audit/checkpoints",
                "GET /api/v1/cookies/x", "GET /demo/site");
    }

    @Test
    @DisplayName("R8.3 within a module the first rule that matches decides: an earlier rule keeps its request out of the light chain")
    void earlierRuleOfTheModuleDecides() {
        List<UrlRules.Rule> rules = List.of(
                new UrlRules.Rule("m", null, List.of("/x/private"), UrlRules.Who.ROLES, List.of("DPO"), null, List.of()),
                new UrlRules.Rule("m", null, List.of("/x/**"), UrlRules.Who.ANYONE_WITHOUT_SESSION, List.of(), null, List.of()),
                new UrlRules.Rule("n", HttpMethod.POST, List.of("/y/*"), UrlRules.Who.ANYONE_WITHOUT_SESSION, List.of(), null, List.of()));
        NoSessionDoors doors = new NoSessionDoors(rules);
        assertThat(doors.matches(new MockHttpServletRequest("GET", "/x/private"))).isFalse();
        assertThat(doors.matches(new MockHttpServletRequest("POST", "/x/public"))).isTrue();
        assertThat(doors.matches(new MockHttpServletRequest("POST", "/y/a"))).isTrue();
        assertThat(doors.matches(new MockHttpServletRequest("GET", "/y/a"))).isFalse();
        assertThat(doors.matches(new MockHttpServletRequest("POST", "/y/a/b"))).isFalse();
        assertThat(doors.matches(new MockHttpServletRequest("GET", "/z"))).isFalse();
    }

    @Autowired
    FilterChainProxy chains;

    private List<Class<?>> filtersFor(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        return chains.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow().getFilters().stream()
                .<Class<?>>map(Object::getClass).toList();
    }

    @Test
    @DisplayName("R8.3 a door without session passes no session, CSRF, sign-in or sign-out filter; the other doors still do")
    void lightChain() {
        for (String[] door : List.of(new String[] {"POST", "/consent/v1/records"}, new String[] {"POST", "/consent/v1/beacon"},
                new String[] {"POST", "/u/x"}, new String[] {"GET", "/api/v1/audit/checkpoints"})) {
            assertThat(filtersFor(door[0], door[1])).as(door[0] + " " + door[1]).contains(HeaderWriterFilter.class)
                    .doesNotContain(CsrfFilter.class, SessionExpiry.class, LogoutFilter.class, UsernamePasswordAuthenticationFilter.class,
                            ApiTokenFilter.class, RequestCacheAwareFilter.class);
        }
        for (String[] door : List.of(new String[] {"GET", "/u/x"}, new String[] {"POST", "/u/x/preferences"}, new String[] {"GET", "/backoffice"},
                new String[] {"GET", "/api/v1/cookies/x"})) {
            assertThat(filtersFor(door[0], door[1])).as(door[0] + " " + door[1]).contains(HeaderWriterFilter.class, CsrfFilter.class,
                    SessionExpiry.class, ApiTokenFilter.class);
        }
    }

    private String version() {
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(http.get("/consent/v1/consent.js").body());
        assertThat(v.find()).isTrue();
        return v.group(1);
    }

    private HttpResponse<String> choice(String... headers) {
        String body = Json.write(Map.of("consentId", UUID.randomUUID().toString(), "bannerVersion", version(), "method", "banner",
                "site", "https://www.gestan-demo.example", "language", "fr", "choices", Map.of("audience", true, "social-sharing", false)));
        List<String> all = new ArrayList<>(List.of("User-Agent", CHROME));
        all.addAll(List.of(headers));
        return http.raw("POST", "/consent/v1/records", "application/json", body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    private static void sameSecurityHeaders(HttpHeaders answer, HttpHeaders reference, List<String> names) {
        for (String name : names) {
            assertThat(answer.allValues(name)).as(name).isNotEmpty().isEqualTo(reference.allValues(name));
        }
    }

    @Test
    @DisplayName("R8.5 L3 a door without session answers with the same security headers as every other door, and never sets a session cookie")
    void sameHeadersNoSessionCookie() {
        HttpResponse<String> reference = http.get("/api/v1/policy");
        assertThat(reference.statusCode()).isEqualTo(200);
        HttpResponse<String> created = choice();
        assertThat(created.statusCode()).isEqualTo(201);
        sameSecurityHeaders(created.headers(), reference.headers(), SECURITY_HEADERS);
        sameSecurityHeaders(created.headers(), reference.headers(), NO_STORE);
        assertThat(created.headers().allValues("Set-Cookie")).isEmpty();

        HttpResponse<String> refusedClick = http.raw("POST", "/u/not-a-token", "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8));
        assertThat(refusedClick.statusCode()).isEqualTo(404);
        HttpResponse<String> checkpoints = http.get("/api/v1/audit/checkpoints");
        assertThat(checkpoints.statusCode()).isEqualTo(200);
        HttpResponse<String> script = http.get("/consent/v1/consent.js");
        HttpResponse<String> unknownConsent = http.get("/consent/v1/records/" + UUID.randomUUID());
        assertThat(unknownConsent.statusCode()).isEqualTo(404);
        for (HttpResponse<String> answer : List.of(refusedClick, checkpoints, script, unknownConsent)) {
            sameSecurityHeaders(answer.headers(), reference.headers(), SECURITY_HEADERS);
            assertThat(answer.headers().allValues("Set-Cookie")).as(answer.uri().getPath()).isEmpty();
        }
    }

    @Test
    @DisplayName("R8.3 L3 a staff session's cookie sent to a door without session is ignored: the proof is recorded, no cookie set, the session still works")
    void sessionCookieIgnored() {
        String login = "nosession" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new StaffDirectory.NewStaff(login, "Paul Test", "dpo", "correct horse battery staple"));
        http.signInFirstTime(login, "correct horse battery staple");
        assertThat(http.get("/backoffice").statusCode()).isEqualTo(200);
        HttpResponse<String> created = choice();
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(http.get("/backoffice").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("R8.3 a wrong bearer token is refused on a door without session as on any other (401 problem), and nothing is recorded")
    void wrongTokenStillRefused() {
        HttpResponse<String> refused = choice("Authorization", "Bearer not-a-token");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    @DisplayName("R8.3 the doors next to them are as closed as before: staff aggregates, the audit log, the unsubscribe preferences' CSRF")
    void neighboursStillClosed() {
        assertThat(http.get("/api/v1/cookies/consents").statusCode()).isEqualTo(401);
        assertThat(http.raw("POST", "/api/v1/audit/checkpoints", "application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/audit/entries").statusCode()).isEqualTo(401);
        assertThat(http.raw("POST", "/u/not-a-token/preferences", "application/x-www-form-urlencoded", "on=x".getBytes(StandardCharsets.UTF_8))
                .statusCode()).as("CSRF still asked").isEqualTo(403);
    }
}
