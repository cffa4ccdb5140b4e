package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

/** {@link SessionAttributeReads}: the same bytes, the same value; a security context of its own per request. */
class SessionAttributeReadsTests {

    static final SerializingConverter SERIALIZE = new SerializingConverter();

    static SecurityContext staffContext(String login) {
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(login, null,
                List.of(new SimpleGrantedAuthority("ROLE_adv"), new SimpleGrantedAuthority(SecurityConfiguration.SECOND_FACTOR))));
    }

    @Test
    @DisplayName("R8.3 a staff member's security context read twice from the same bytes: equal contents, a context and an authentication of its own each time")
    void securityContextOwnEachTime() {
        SessionAttributeReads reads = new SessionAttributeReads();
        byte[] bytes = SERIALIZE.convert(staffContext("adv-1"));
        SecurityContext first = (SecurityContext) reads.convert(bytes);
        SecurityContext second = (SecurityContext) reads.convert(bytes.clone());
        assertThat(second).isNotSameAs(first);
        assertThat(second.getAuthentication()).isNotSameAs(first.getAuthentication()).isEqualTo(first.getAuthentication());
        assertThat(first.getAuthentication().getName()).isEqualTo("adv-1");
        assertThat(first.getAuthentication().getAuthorities()).extracting(a -> a.getAuthority())
                .containsExactly("ROLE_adv", SecurityConfiguration.SECOND_FACTOR);
        assertThat(reads.remembered()).isEqualTo(1);

        first.setAuthentication(null); // a sign-out empties the context its request holds
        SecurityContext third = (SecurityContext) reads.convert(bytes);
        assertThat(third.getAuthentication()).as("another request's context is untouched").isNotNull();
        assertThat(third.getAuthentication().getName()).isEqualTo("adv-1");

        // what one request sets on its authentication never reaches another's
        ((UsernamePasswordAuthenticationToken) second.getAuthentication()).setDetails("set by one request");
        second.getAuthentication().setAuthenticated(false);
        SecurityContext fourth = (SecurityContext) reads.convert(bytes);
        assertThat(fourth.getAuthentication().getDetails()).isNull();
        assertThat(fourth.getAuthentication().isAuthenticated()).isTrue();
        assertThat(fourth.getAuthentication().getAuthorities()).extracting(a -> a.getAuthority())
                .containsExactly("ROLE_adv", SecurityConfiguration.SECOND_FACTOR);
    }

    @Test
    @DisplayName("R8.3 other bytes, another value: each session's own context, never a neighbour's")
    void otherBytesOtherValue() {
        SessionAttributeReads reads = new SessionAttributeReads();
        SecurityContext one = (SecurityContext) reads.convert(SERIALIZE.convert(staffContext("adv-1")));
        SecurityContext two = (SecurityContext) reads.convert(SERIALIZE.convert(staffContext("adv-2")));
        assertThat(one.getAuthentication().getName()).isEqualTo("adv-1");
        assertThat(two.getAuthentication().getName()).isEqualTo("adv-2");
        Instant at = Instant.parse("2026-12-04T09:00:00Z");
        assertThat(reads.convert(SERIALIZE.convert(at))).isEqualTo(at);
        assertThat(reads.remembered()).isEqualTo(3);
    }

    @Test
    @DisplayName("R8.3 values that can change (a list, a context with details or another authentication) are deserialised every time")
    void changeableValuesNotRemembered() {
        SessionAttributeReads reads = new SessionAttributeReads();
        byte[] list = SERIALIZE.convert(new ArrayList<>(List.of("a")));
        assertThat(reads.convert(list)).isNotSameAs(reads.convert(list)).isEqualTo(List.of("a"));
        UsernamePasswordAuthenticationToken withDetails = UsernamePasswordAuthenticationToken.authenticated("adv-1", null, List.of());
        withDetails.setDetails("from 127.0.0.1");
        byte[] detailed = SERIALIZE.convert(new SecurityContextImpl(withDetails));
        SecurityContext a = (SecurityContext) reads.convert(detailed);
        SecurityContext b = (SecurityContext) reads.convert(detailed);
        assertThat(b.getAuthentication()).isNotSameAs(a.getAuthentication()).isEqualTo(a.getAuthentication());
        byte[] password = SERIALIZE.convert(new SecurityContextImpl(UsernamePasswordAuthenticationToken.unauthenticated("adv-1", "secret")));
        assertThat(((SecurityContext) reads.convert(password)).getAuthentication()).isNotSameAs(
                ((SecurityContext) reads.convert(password)).getAuthentication());
        assertThat(reads.remembered()).isZero();
    }

    @Test
    @DisplayName("R8.3 at most MAX values are remembered")
    void bounded() {
        SessionAttributeReads reads = new SessionAttributeReads();
        for (int i = 0; i < SessionAttributeReads.MAX + 10; i++) {
            reads.convert(SERIALIZE.convert("value " + i));
        }
        assertThat(reads.remembered()).isLessThanOrEqualTo(SessionAttributeReads.MAX);
    }
}
