package org.charte.access.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.charte.common.DatabaseUnreachable;
import org.jspecify.annotations.Nullable;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The staff sessions' store (Spring Session JDBC's repository, {@code spring_session}), which
 * writes a session's last access time only when {@link LastUseTouch} says so. Spring Session's
 * filter sets the last access time on every request, and the JDBC repository then updates the
 * session row (one durable commit per signed-in request); here that time is passed on only when it
 * moved enough, so a request that changed nothing else writes nothing. Every other change (an
 * attribute set, a new id at sign-in, a sign-out) goes through at once.
 */
final class SessionTouchRepository implements SessionRepository<SessionTouchRepository.Touched> {

    private final SessionRepository<Session> store;
    private final LastUseTouch touch;

    @SuppressWarnings("unchecked")
    SessionTouchRepository(SessionRepository<? extends Session> store, LastUseTouch touch) {
        // Spring Session JDBC's repository takes back only the sessions it made, which are all it is given here.
        this.store = (SessionRepository<Session>) store;
        this.touch = touch;
    }

    @Override
    public Touched createSession() {
        return new Touched(store.createSession());
    }

    @Override
    public void save(Touched session) {
        store.save(session.stored);
    }

    @Override
    public @Nullable Touched findById(String id) {
        if (DatabaseUnreachable.markedNow()) {
            return null; // the error page of a database outage: made as for a visitor, without a second wait for the database
        }
        Session found = store.findById(id);
        return found == null ? null : new Touched(found);
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    /** A stored session whose last access time moves only as {@link LastUseTouch} allows. */
    final class Touched implements Session {

        private final Session stored;

        private Touched(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant at) {
            if (touch.due(stored.getLastAccessedTime(), at)) {
                stored.setLastAccessedTime(at);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> @Nullable T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, @Nullable Object value) {
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
