package org.charte.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of requests to annotated handler methods, made to look at a few candidates
 * instead of all of them. Spring MVC finds a path without variables by a direct lookup, but a path
 * with one ({@code /api/v1/subjects/{id}}) is tried against every mapping of the application
 * (about 290), each trial reading the request's method through its wrappers: a profile of a staff
 * member reading a person gave this loop about a tenth of the request's CPU (bench/RESULTS.md).
 *
 * <p>Here the mappings are indexed by the first two segments of their patterns when both are
 * literal; the others (a variable or wildcard in the first two segments, fewer than two segments)
 * are candidates for every request. A request is tried against the candidates of its own first two
 * segments (decoded, as a pattern matches them) and those others only. When exactly one matches,
 * and the request is not a CORS pre-flight, it is the answer: every mapping that could match the
 * path is among the candidates, so a scan of all of them would also have found that one alone.
 * Otherwise (none, several to rank, a pre-flight, a path of fewer than two segments, patterns
 * matched without case) Spring MVC's own lookup decides, unchanged. {@code HandlerLookupTests}
 * compares the two on every mapping of the application.
 */
final class IndexedHandlerMappings extends RequestMappingHandlerMapping {

    /** The mappings by their two leading literal segments ("api/v1"), and those that may match any path. */
    private record Index(Map<String, List<RequestMappingInfo>> byPrefix, List<RequestMappingInfo> anyPath,
            Map<RequestMappingInfo, HandlerMethod> handlers) {}

    private volatile @Nullable Index index;

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        String prefix = prefix(request);
        if (prefix != null && !CorsUtils.isPreFlightRequest(request)) {
            Index candidates = index();
            RequestMappingInfo found = null;
            HandlerMethod handler = null;
            int matches = 0;
            for (List<RequestMappingInfo> list : List.of(candidates.byPrefix().getOrDefault(prefix, List.of()), candidates.anyPath())) {
                for (int i = 0; i < list.size() && matches < 2; i++) {
                    RequestMappingInfo matching = getMatchingMapping(list.get(i), request);
                    if (matching != null) {
                        matches++;
                        found = matching;
                        handler = candidates.handlers().get(list.get(i));
                    }
                }
            }
            if (matches == 1 && handler != null) {
                request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
                handleMatch(found, lookupPath, request);
                return handler;
            }
        }
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** Spring MVC's own lookup, over every mapping: what {@code HandlerLookupTests} compares with. */
    @Nullable HandlerMethod scanAll(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** The request's first two path segments as patterns match them (decoded, without parameters), or null. */
    private @Nullable String prefix(HttpServletRequest request) {
        if (getPatternParser() == null || !getPatternParser().isCaseSensitive() || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return null;
        }
        RequestPath path = ServletRequestPathUtils.getParsedRequestPath(request);
        String first = null;
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                if (first == null) {
                    first = segment.valueToMatch();
                } else {
                    return first + "/" + segment.valueToMatch();
                }
            }
        }
        return null;
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            current = build(getHandlerMethods());
            index = current;
        }
        return current;
    }

    private static Index build(Map<RequestMappingInfo, HandlerMethod> handlers) {
        Map<String, List<RequestMappingInfo>> byPrefix = new HashMap<>();
        List<RequestMappingInfo> anyPath = new ArrayList<>();
        for (RequestMappingInfo info : handlers.keySet()) {
            List<String> prefixes = new ArrayList<>();
            boolean indexable = info.getPathPatternsCondition() != null && !info.getPathPatternsCondition().getPatterns().isEmpty();
            if (indexable) {
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    String prefix = literalPrefix(pattern.getPatternString());
                    if (prefix == null) {
                        indexable = false;
                        break;
                    }
                    prefixes.add(prefix);
                }
            }
            if (indexable) {
                prefixes.stream().distinct().forEach(p -> byPrefix.computeIfAbsent(p, k -> new ArrayList<>()).add(info));
            } else {
                anyPath.add(info);
            }
        }
        return new Index(Map.copyOf(byPrefix), List.copyOf(anyPath), Map.copyOf(handlers));
    }

    /** "api/v1" for "/api/v1/subjects/{id}"; null unless the pattern starts with two plain literal segments. */
    static @Nullable String literalPrefix(String pattern) {
        if (!pattern.startsWith("/")) {
            return null;
        }
        String[] segments = pattern.substring(1).split("/", -1);
        if (segments.length < 2 || !literal(segments[0]) || !literal(segments[1])) {
            return null;
        }
        return segments[0] + "/" + segments[1];
    }

    private static boolean literal(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '{' || c == '}' || c == '*' || c == '?' || c == ';' || c == '%' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Makes Spring Boot's MVC configuration use this mapping for the annotated handler methods. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        WebMvcRegistrations indexedHandlerMappings() {
            return new WebMvcRegistrations() {
                @Override
                public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                    return new IndexedHandlerMappings();
                }
            };
        }
    }
}
