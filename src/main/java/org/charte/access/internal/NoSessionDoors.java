package org.charte.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.charte.common.UrlRules;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests a door without session ({@link UrlRules.Who#ANYONE_WITHOUT_SESSION}) decides, exactly
 * as the main chain's rules would: the first rule of a module that matches decides (the rules of two
 * modules never match the same request, {@code UrlRulesTests}), so a no-session door counts only when
 * no earlier rule of its module matches too. A request with a bearer token is left to the main chain,
 * which checks the token on every door. Matched the same way as the main chain's rules (path
 * patterns, with the rule's method if it has one).
 */
final class NoSessionDoors implements RequestMatcher {

    /** A no-session door and the earlier rules of its module, any of which would decide before it. */
    private record Door(RequestMatcher matcher, List<RequestMatcher> before) {}

    private final List<Door> doors = new ArrayList<>();

    NoSessionDoors(List<UrlRules.Rule> rules) {
        List<RequestMatcher> moduleSoFar = new ArrayList<>();
        String module = null;
        for (UrlRules.Rule rule : rules) {
            if (!rule.module().equals(module)) {
                module = rule.module();
                moduleSoFar = new ArrayList<>();
            }
            RequestMatcher matcher = matcher(rule);
            if (rule.who() == UrlRules.Who.ANYONE_WITHOUT_SESSION) {
                doors.add(new Door(matcher, List.copyOf(moduleSoFar)));
            }
            moduleSoFar.add(matcher);
        }
    }

    private static RequestMatcher matcher(UrlRules.Rule rule) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> each = rule.patterns().stream().map(pattern -> (RequestMatcher) paths.matcher(rule.method(), pattern)).toList();
        return each.size() == 1 ? each.getFirst() : request -> {
            for (RequestMatcher one : each) {
                if (one.matches(request)) {
                    return true;
                }
            }
            return false;
        };
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        for (Door door : doors) {
            if (door.matcher().matches(request)) {
                for (RequestMatcher earlier : door.before()) {
                    if (earlier.matches(request)) {
                        return false; // that rule decides, in the main chain
                    }
                }
                String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
                return authorization == null || !authorization.startsWith("Bearer ");
            }
        }
        return false;
    }
}
