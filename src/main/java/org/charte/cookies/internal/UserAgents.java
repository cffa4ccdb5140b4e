package org.charte.cookies.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.charte.cookies.PageView.Agent;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Browser and operating system, with their versions, parsed from the User-Agent by Yauaa (R3.4), a
 * maintained parser: one analyzer for the application (building it takes seconds, so it is built
 * once, on the first page view), asked only for the four fields kept. The four values of each agent
 * seen are kept in a map of their own (at most {@link #CACHED} agents, forgotten all at once when full): a
 * site's visitors send a few hundred different User-Agents, and a known one then costs a map lookup, not
 * Yauaa's per-call objects (its own cache answers only after building them; bench/RESULTS.md, beacon).
 */
@Component
class UserAgents {

    static final String UNKNOWN = "Unknown";
    private static final int MAX = 64;
    /** The most agents whose values are kept (each at most 512 characters, as the beacon clips them). */
    static final int CACHED = 10_000;
    private static final Agent NONE = new Agent(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);

    private volatile @Nullable UserAgentAnalyzer analyzer;
    private final ConcurrentMap<String, Agent> parsed = new ConcurrentHashMap<>();
    private final int cached;

    UserAgents() {
        this(CACHED);
    }

    /** Keeping at most {@code cached} agents' values (tests). */
    UserAgents(int cached) {
        this.cached = cached;
    }

    Agent parse(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return NONE;
        }
        Agent known = parsed.get(userAgent);
        if (known != null) {
            return known;
        }
        UserAgent fields = analyzer().parse(userAgent);
        Agent agent = new Agent(value(fields, UserAgent.AGENT_NAME), value(fields, UserAgent.AGENT_VERSION),
                value(fields, UserAgent.OPERATING_SYSTEM_NAME), value(fields, UserAgent.OPERATING_SYSTEM_VERSION));
        if (parsed.size() >= cached) {
            parsed.clear(); // bounded: an endless variety of agents (a crawler's, made up) costs a parse each, never memory
        }
        parsed.put(userAgent, agent);
        return agent;
    }

    /** How many agents' values are kept now. */
    int remembered() {
        return parsed.size();
    }

    private static String value(UserAgent parsed, String field) {
        String value = parsed.getValue(field);
        if (value == null || value.isBlank() || value.startsWith("??")) {
            return UNKNOWN;
        }
        return value.length() <= MAX ? value : value.substring(0, MAX);
    }

    private UserAgentAnalyzer analyzer() {
        UserAgentAnalyzer built = analyzer;
        if (built == null) {
            synchronized (this) {
                built = analyzer;
                if (built == null) {
                    built = UserAgentAnalyzer.newBuilder().hideMatcherLoadStats().withoutCache()
                            .withField(UserAgent.AGENT_NAME).withField(UserAgent.AGENT_VERSION)
                            .withField(UserAgent.OPERATING_SYSTEM_NAME).withField(UserAgent.OPERATING_SYSTEM_VERSION).build();
                    analyzer = built;
                }
            }
        }
        return built;
    }
}
