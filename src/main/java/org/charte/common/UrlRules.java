package org.charte.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A module's doors (R8.3): who may call each URL the module serves. Each module declares its own
 * as a bean in its {@code internal} package; the security configuration collects them all and
 * ends with its own fallback (the back office for a person past the second factor, anything else
 * for such a person or a token). Within a module the first rule that matches decides, so a module
 * declares the specific before the general. The rules of two modules never match the same request
 * ({@code UrlRulesTests} checks it), so the order between modules changes nothing.
 *
 * <p>It lives in {@code common}, not in {@code access}, because {@code audit} and {@code policy},
 * which {@code access} depends on, declare doors too.
 */
public interface UrlRules {

    /** Declares this module's doors, the specific before the general. */
    void declare(Registry rules);

    /** Every module's rules: grouped by module (in the order of their names), each module's in its own order. */
    static List<Rule> collect(List<? extends UrlRules> modules) {
        List<UrlRules> sorted = new ArrayList<>(modules);
        sorted.sort(Comparator.comparing((UrlRules rules) -> moduleOf(rules)).thenComparing(rules -> rules.getClass().getName()));
        List<Rule> all = new ArrayList<>();
        for (UrlRules module : sorted) {
            Registry registry = new Registry(moduleOf(module));
            module.declare(registry);
            all.addAll(registry.rules);
        }
        return List.copyOf(all);
    }

    /**
     * The rule that decides a request of this method to this path: the first that matches, as the
     * security configuration applies them (empty: the fallback decides, the back office for a person
     * past the second factor).
     */
    static Optional<Rule> deciding(List<Rule> rules, HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return rules.stream().filter(rule -> rule.method() == null || rule.method().equals(method))
                .filter(rule -> rule.patterns().stream().anyMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(container)))
                .findFirst();
    }

    /**
     * The plain literal segments a path pattern starts with, up to its first segment that is not one
     * (a variable, a wildcard, an encoded or escaped character, a matrix parameter, an empty segment):
     * [api, v1, subjects] for "/api/v1/subjects/{id}"; none for "/{lang}/privacy", "/**" or "". A
     * pattern can only match a path that starts with these segments: the handler lookup and the main
     * security chain index patterns by them.
     */
    static List<String> leadingLiterals(String pattern) {
        if (!pattern.startsWith("/")) {
            return List.of();
        }
        List<String> literal = new ArrayList<>();
        for (String segment : pattern.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.chars().anyMatch(c -> "{}*?;%\\".indexOf(c) >= 0)) {
                break;
            }
            literal.add(segment);
        }
        return List.copyOf(literal);
    }

    /** A policy role as doors name it: "cloud-support" is CLOUD_SUPPORT. */
    static String roleName(String policyRole) {
        return policyRole.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The module a declaration belongs to: the package under {@code org.charte}. */
    static String moduleOf(UrlRules rules) {
        String name = rules.getClass().getPackageName();
        String root = "org.charte.";
        String rest = name.startsWith(root) ? name.substring(root.length()) : name;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Who may pass a door. */
    enum Who {
        /** Anyone, signed in or not. */
        ANYONE,
        /** Anyone, and no CSRF token asked: the door uses no session or cookie, so a forged request has nothing to ride on. */
        ANYONE_WITHOUT_SESSION,
        /** A person who gave their password and must now give their second factor (or enrol one). */
        WAITING_FOR_SECOND_FACTOR,
        /** Any person past the second factor, or a token with {@link Rule#scope()} if there is one. */
        SIGNED_IN,
        /**
         * A person past the second factor with one of {@link Rule#roles()}, or a token with
         * {@link Rule#scope()} (if there is one) whose role is one of {@link Rule#tokenRoles()}.
         */
        ROLES
    }

    /** One door: requests (of the method, or of any method) to these path patterns, and who may pass. */
    record Rule(String module, @Nullable HttpMethod method, List<String> patterns, Who who, List<String> roles,
            @Nullable String scope, List<String> tokenRoles) {

        public Rule {
            patterns = List.copyOf(patterns);
            roles = List.copyOf(roles);
            tokenRoles = List.copyOf(tokenRoles);
        }

        /** Whether a person past the second factor whose policy role is this one passes the door. */
        public boolean admitsStaff(String policyRole) {
            return switch (who) {
                case ANYONE, ANYONE_WITHOUT_SESSION, SIGNED_IN -> true;
                case WAITING_FOR_SECOND_FACTOR -> false;
                case ROLES -> roles.contains(roleName(policyRole));
            };
        }

        Rule withToken(String scope, List<String> tokenRoles) {
            return new Rule(module, method, patterns, who, roles, scope, tokenRoles);
        }
    }

    /** Where a module declares its doors, in order. */
    final class Registry {

        private final String module;
        private final List<Rule> rules = new ArrayList<>();

        Registry(String module) {
            this.module = module;
        }

        /** Requests of any method to these path patterns. */
        public Door paths(String... patterns) {
            return new Door(null, List.of(patterns));
        }

        /** Requests of this method to these path patterns. */
        public Door paths(HttpMethod method, String... patterns) {
            return new Door(method, List.of(patterns));
        }

        /** The paths of a rule being declared; the next call says who may pass. */
        public final class Door {

            private final @Nullable HttpMethod method;
            private final List<String> patterns;

            private Door(@Nullable HttpMethod method, List<String> patterns) {
                this.method = method;
                this.patterns = patterns;
            }

            /** Anyone, signed in or not. */
            public void anyone() {
                add(Who.ANYONE, List.of());
            }

            /** Anyone, without a CSRF token: for doors that use no session or cookie. */
            public void anyoneWithoutSession() {
                add(Who.ANYONE_WITHOUT_SESSION, List.of());
            }

            /** A person between their password and their second factor. */
            public void waitingForSecondFactor() {
                add(Who.WAITING_FOR_SECOND_FACTOR, List.of());
            }

            /** Any person past the second factor (the decision point then decides on each person's data). */
            public OrToken signedIn() {
                return add(Who.SIGNED_IN, List.of());
            }

            /** A person past the second factor with one of these roles; never a token unless {@link OrToken} says so. */
            public OrToken roles(String... roles) {
                return add(Who.ROLES, List.of(roles));
            }

            private OrToken add(Who who, List<String> roles) {
                rules.add(new Rule(module, method, patterns, who, roles, null, roles));
                return new OrToken(rules.size() - 1);
            }
        }

        /** Lets a token through the door just declared as well. */
        public final class OrToken {

            private final int index;

            private OrToken(int index) {
                this.index = index;
            }

            /** Or a token with this scope (and, where roles are named, one of those roles). */
            public void orToken(String scope) {
                Rule rule = rules.get(index);
                rules.set(index, rule.withToken(scope, rule.tokenRoles()));
            }

            /** Or a token with this scope whose role is one of these. */
            public void orToken(String scope, String... tokenRoles) {
                if (rules.get(index).who() != Who.ROLES) {
                    throw new IllegalStateException("token roles apply to a door for roles");
                }
                rules.set(index, rules.get(index).withToken(scope, Arrays.asList(tokenRoles)));
            }
        }
    }
}
