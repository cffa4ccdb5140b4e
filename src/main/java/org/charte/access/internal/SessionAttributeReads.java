package org.charte.access.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.ClassUtils;

/**
 * A staff session's attributes, as read from {@code spring_session_attributes} on every signed-in
 * request, turned back into objects: Java deserialisation of the security context was about a
 * twentieth of a signed-in request's CPU (bench/RESULTS.md). The same bytes always give the same
 * value, so a node remembers the values of the bytes it has seen, for the attributes whose values
 * cannot change once made: a staff member's security context (their login and authorities, exactly
 * as {@link SecondFactorPages} and the sign-in make it), an instant ({@link SessionExpiry#SIGNED_IN_AT}),
 * a string. Everything else is deserialised every time, as before. The member's account the session's
 * query brings ({@link SessionActing}) is not Java-serialised: it is read from its own text.
 *
 * <p>Nothing about the session itself is remembered: its row and attributes are still read from the
 * database on every request (a session signed out or expired on any node ends at its next request
 * everywhere), only the work of turning the same bytes into the same object is saved. Each request
 * gets a security context and an authentication of its own (a sign-out empties the context it holds,
 * details set on its authentication stay there, never in another request's); only the login and the
 * authorities, which nothing can change, are shared. At most
 * {@link #MAX} values are kept (then all are forgotten and the memory starts again).
 */
final class SessionAttributeReads implements Converter<byte[], Object> {

    static final int MAX = 4096;

    /** Bytes compared by content. */
    private record Bytes(byte[] value, int hash) {
        Bytes(byte[] value) {
            this(value, Arrays.hashCode(value));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && b.hash == hash && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final DeserializingConverter deserializer = new DeserializingConverter(ClassUtils.getDefaultClassLoader());
    private final Map<Bytes, Object> seen = new ConcurrentHashMap<>();

    @Override
    public Object convert(byte[] bytes) {
        if (SessionActing.is(bytes)) {
            return SessionActing.decode(bytes); // made by the session's query, never stored
        }
        Bytes key = new Bytes(bytes);
        Object value = seen.get(key);
        if (value == null) {
            value = deserializer.convert(bytes);
            if (!unchangeable(value)) {
                return value;
            }
            if (seen.size() >= MAX) {
                seen.clear();
            }
            seen.put(new Bytes(bytes.clone(), key.hash()), value);
        }
        return value instanceof SecurityContext context ? ownContext(context) : value;
    }

    /**
     * A remembered security context for one request: a context and an authentication of its own (an
     * authentication can be changed: details, marked unauthenticated), sharing only what cannot change,
     * the login and the authorities.
     */
    private static SecurityContext ownContext(SecurityContext remembered) {
        Authentication authentication = remembered.getAuthentication();
        return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(authentication.getPrincipal(), null,
                authentication.getAuthorities()));
    }

    /** How many values are remembered (tests). */
    int remembered() {
        return seen.size();
    }

    /** Values that nothing changes once made: shared between requests, a security context's holder excepted. */
    static boolean unchangeable(Object value) {
        if (value instanceof String || value instanceof Instant) {
            return true;
        }
        if (value.getClass() != SecurityContextImpl.class) {
            return false;
        }
        Authentication authentication = ((SecurityContext) value).getAuthentication();
        if (authentication == null || authentication.getClass() != UsernamePasswordAuthenticationToken.class
                || !(authentication.getPrincipal() instanceof String) || authentication.getCredentials() != null
                || authentication.getDetails() != null) {
            return false;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getClass() != SimpleGrantedAuthority.class) {
                return false;
            }
        }
        return true;
    }
}
