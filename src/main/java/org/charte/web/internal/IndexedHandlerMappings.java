package org.charte.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.charte.common.UrlRules;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
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
 * <p>Here the mappings are indexed by the literal segments their patterns start with, up to the
 * first segment that is not a plain literal ({@code /api/v1/subjects/{id}} under
 * {@code api/v1/subjects}, {@code /api/v1/bench-noop} under itself); a pattern that starts with no
 * literal segment ({@code /{lang}/privacy}, {@code /**}) is a candidate for every request. A
 * request is tried against the candidates filed under each of its leading runs of segments
 * ({@code api}, {@code api/v1}, {@code api/v1/subjects}, ...; decoded, as a pattern matches them)
 * and those for every request: a pattern can only match a path that starts with its literal
 * segments, so every mapping that could match is among them. When exactly one matches, and the
 * request is not a CORS pre-flight, it is the answer: a scan of all of them would also have found
 * that one alone. Otherwise (none, several to rank, a pre-flight, patterns matched without case)
 * Spring MVC's own lookup decides, unchanged. (Indexed by two segments only, as before, every API
 * call was still tried against the hundred-odd mappings under {@code api/v1}: a fifth of a signed-in
 * request's CPU in the profiles of 2026-12-04.) {@code HandlerLookupTests} compares the two on every
 * mapping of the application.
 */
final class IndexedHandlerMappings extends RequestMappingHandlerMapping {

    /**
     * The mappings by their leading literal segments ("api/v1/subjects"), those that may match any
     * path, and the most leading literal segments of any pattern (no longer run of a path is looked up).
     */
    private record Index(Map<String, List<RequestMappingInfo>> byPrefix, List<RequestMappingInfo> anyPath,
            Map<RequestMappingInfo, HandlerMethod> handlers, int deepest) {}

    private volatile @Nullable Index index;

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        index = null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        if (getPatternParser() != null && getPatternParser().isCaseSensitive() && ServletRequestPathUtils.hasParsedRequestPath(request)
                && !CorsUtils.isPreFlightRequest(request)) {
            Index candidates = index();
            RequestMappingInfo found = null;
            HandlerMethod handler = null;
            int matches = 0;
            List<List<RequestMappingInfo>> lists = new ArrayList<>();
            lists.add(candidates.anyPath());
            StringBuilder run = new StringBuilder();
            int depth = 0;
            for (PathContainer.Element element : ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    if (depth++ == candidates.deepest()) {
                        break;
                    }
                    if (!run.isEmpty()) {
                        run.append('/');
                    }
                    run.append(segment.valueToMatch());
                    List<RequestMappingInfo> list = candidates.byPrefix().get(run.toString());
                    if (list != null) {
                        lists.add(list);
                    }
                }
            }
            for (List<RequestMappingInfo> list : lists) {
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
        int deepest = 0;
        for (RequestMappingInfo info : handlers.keySet()) {
            List<String> prefixes = new ArrayList<>();
            boolean indexable = info.getPathPatternsCondition() != null && !info.getPathPatternsCondition().getPatterns().isEmpty();
            if (indexable) {
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    List<String> literal = UrlRules.leadingLiterals(pattern.getPatternString());
                    if (literal.isEmpty()) {
                        indexable = false;
                        break;
                    }
                    prefixes.add(String.join("/", literal));
                    deepest = Math.max(deepest, literal.size());
                }
            }
            if (indexable) {
                prefixes.stream().distinct().forEach(p -> byPrefix.computeIfAbsent(p, k -> new ArrayList<>()).add(info));
            } else {
                anyPath.add(info);
            }
        }
        Map<String, List<RequestMappingInfo>> frozen = new HashMap<>();
        byPrefix.forEach((prefix, list) -> frozen.put(prefix, List.copyOf(list)));
        return new Index(Map.copyOf(frozen), List.copyOf(anyPath), Map.copyOf(handlers), deepest);
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
