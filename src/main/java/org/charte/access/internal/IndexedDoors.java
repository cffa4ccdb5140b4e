package org.charte.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.charte.common.UrlRules;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Every door of the main chain ({@link SecurityConfiguration#web}), in order, the first that matches
 * a request deciding it: what Spring Security's request-matcher registry does, without trying each
 * module's path patterns in turn on every request (a tenth of a signed-in API call's CPU in the
 * profiles of 2026-12-04, bench/RESULTS.md). A door's patterns are filed under the literal segments
 * they start with ({@code /api/v1/subjects/{id}} under {@code api/v1/subjects}), as the handler
 * lookup does ({@code web.internal.IndexedHandlerMappings}); a pattern with no leading literal
 * segment, and the fallback for any request, are candidates for every request. A request is tried,
 * in the doors' own order, against the doors filed under its leading runs of segments and those
 * candidates for every request only: a path pattern can only match a path that starts with its
 * literal segments, so the first door that matches among them is the first door that matches among
 * all. Each door is matched by its own Spring Security matcher, unchanged. A request whose path was
 * not parsed by Spring MVC (none of Charte's, but an error dispatch could be), or a server whose
 * dispatcher is not at the root, is tried against every door in order, as before.
 * {@code AuthorizationMatrixTests} and {@code IndexedDoorsTests} prove the same answers.
 */
final class IndexedDoors implements AuthorizationManager<RequestAuthorizationContext> {

    /** One door: one pattern's matcher (with its method) and who may pass. */
    record Door(RequestMatcher matcher, AuthorizationManager<RequestAuthorizationContext> manager) {}

    private final List<Door> doors;
    /** Door positions by the literal segments their pattern starts with ("api/v1/subjects"), ascending. */
    private final Map<String, int[]> byPrefix;
    /** Door positions tried for every request, ascending. */
    private final int[] anyPath;
    private final int deepest;
    private final boolean indexed;

    private IndexedDoors(List<Door> doors, Map<String, int[]> byPrefix, int[] anyPath, int deepest, boolean indexed) {
        this.doors = List.copyOf(doors);
        this.byPrefix = Map.copyOf(byPrefix);
        this.anyPath = anyPath;
        this.deepest = deepest;
        this.indexed = indexed;
    }

    /** The doors in their order; {@code indexed} false when the dispatcher is not at the root (every door tried). */
    static Builder builder(boolean indexed) {
        return new Builder(indexed);
    }

    static final class Builder {
        private final boolean indexed;
        private final List<Door> doors = new ArrayList<>();
        private final Map<String, List<Integer>> byPrefix = new HashMap<>();
        private final List<Integer> anyPath = new ArrayList<>();
        private int deepest;

        private Builder(boolean indexed) {
            this.indexed = indexed;
        }

        /** A door for requests to this path pattern (its matcher built from it, with the method if any). */
        Builder door(String pattern, RequestMatcher matcher, AuthorizationManager<RequestAuthorizationContext> manager) {
            List<String> literal = UrlRules.leadingLiterals(pattern);
            int at = doors.size();
            doors.add(new Door(matcher, manager));
            if (literal.isEmpty()) {
                anyPath.add(at);
            } else {
                byPrefix.computeIfAbsent(String.join("/", literal), k -> new ArrayList<>()).add(at);
                deepest = Math.max(deepest, literal.size());
            }
            return this;
        }

        /** The last door: any request. */
        IndexedDoors anyRequest(AuthorizationManager<RequestAuthorizationContext> manager) {
            anyPath.add(doors.size());
            doors.add(new Door(request -> true, manager));
            Map<String, int[]> index = new HashMap<>();
            byPrefix.forEach((prefix, list) -> index.put(prefix, list.stream().mapToInt(Integer::intValue).toArray()));
            return new IndexedDoors(doors, index, anyPath.stream().mapToInt(Integer::intValue).toArray(), deepest, indexed);
        }
    }

    @Override
    public @Nullable AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        int[] candidates = candidates(request);
        for (int i = 0; i < (candidates == null ? doors.size() : candidates.length); i++) {
            Door door = doors.get(candidates == null ? i : candidates[i]);
            RequestMatcher.MatchResult match = door.matcher().matcher(request);
            if (match.isMatch()) {
                return door.manager().authorize(authentication, new RequestAuthorizationContext(request, match.getVariables()));
            }
        }
        return new AuthorizationDecision(false);
    }

    /** The positions of the doors that could match the request, ascending; null for all of them. */
    int @Nullable [] candidates(HttpServletRequest request) {
        if (!indexed || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return null;
        }
        int[] found = anyPath;
        int count = anyPath.length;
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (PathContainer.Element element : ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                if (depth++ == deepest) {
                    break;
                }
                if (!run.isEmpty()) {
                    run.append('/');
                }
                run.append(segment.valueToMatch());
                int[] more = byPrefix.get(run.toString());
                if (more != null) {
                    if (found == anyPath) {
                        found = Arrays.copyOf(anyPath, anyPath.length + more.length);
                    } else if (count + more.length > found.length) {
                        found = Arrays.copyOf(found, count + more.length);
                    }
                    System.arraycopy(more, 0, found, count, more.length);
                    count += more.length;
                }
            }
        }
        if (found != anyPath) {
            Arrays.sort(found, 0, count);
        }
        return found.length == count ? found : Arrays.copyOf(found, count);
    }

    /** How many doors there are (tests). */
    int size() {
        return doors.size();
    }
}
