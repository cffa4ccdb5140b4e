package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** The absolute expiry filter, driven by a fixed clock (no one waits 8 hours in a test). */
class SessionExpiryTests {

    static final Instant SIGNED_IN = Instant.parse("2026-11-26T08:00:00Z");

    MockHttpServletResponse run(Instant now, MockHttpSession session) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/backoffice");
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SessionExpiry(Clock.fixed(now, ZoneOffset.UTC), login -> false).doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    @DisplayName("R8.3 a staff session ends 8 hours after sign-in, however active it was")
    void absoluteExpiry() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SessionExpiry.SIGNED_IN_AT, SIGNED_IN);
        assertThat(run(SIGNED_IN.plusSeconds(7 * 3600), session).getRedirectedUrl()).isNull();
        assertThat(session.isInvalid()).isFalse();
        MockHttpServletResponse expired = run(SIGNED_IN.plusSeconds(8 * 3600 + 1), session);
        assertThat(expired.getRedirectedUrl()).isEqualTo("/backoffice/connexion?expired");
        assertThat(session.isInvalid()).isTrue();
    }
}
