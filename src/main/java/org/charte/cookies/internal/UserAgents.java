package org.charte.cookies.internal;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.charte.cookies.PageView.Agent;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Browser and operating system, with their versions, parsed from the User-Agent by Yauaa (R3.4), a
 * maintained parser: one analyzer for the application (building it takes seconds, so it is built
 * once, on the first page view), asked only for the four fields kept, with a cache of recent agents.
 */
@Component
class UserAgents {

    static final String UNKNOWN = "Unknown";
    private static final int MAX = 64;

    private volatile @Nullable UserAgentAnalyzer analyzer;

    Agent parse(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Agent(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
        }
        UserAgent parsed = analyzer().parse(userAgent);
        return new Agent(value(parsed, UserAgent.AGENT_NAME), value(parsed, UserAgent.AGENT_VERSION),
                value(parsed, UserAgent.OPERATING_SYSTEM_NAME), value(parsed, UserAgent.OPERATING_SYSTEM_VERSION));
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
                    built = UserAgentAnalyzer.newBuilder().hideMatcherLoadStats().withCache(20_000)
                            .withField(UserAgent.AGENT_NAME).withField(UserAgent.AGENT_VERSION)
                            .withField(UserAgent.OPERATING_SYSTEM_NAME).withField(UserAgent.OPERATING_SYSTEM_VERSION).build();
                    analyzer = built;
                }
            }
        }
        return built;
    }
}
