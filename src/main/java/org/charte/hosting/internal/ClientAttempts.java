package org.charte.hosting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Failed client sign-ins per hosted database id (known or not, so a lock says nothing about
 * existence): five failures within 15 minutes lock that id's client exports for 15 minutes. Kept in
 * memory, per node: a brake on guessing, not a ledger.
 */
@Component
class ClientAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant first, Instant lockedUntil) {}

    private final Map<UUID, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    ClientAttempts(Clock clock) {
        this.clock = clock;
    }

    boolean locked(UUID id) {
        Failures f = failures.get(id);
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    void failed(UUID id) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> now.isAfter(f.first().plus(WINDOW)) && (f.lockedUntil() == null || now.isAfter(f.lockedUntil())));
        }
        failures.compute(id, (key, f) -> {
            Failures current = f == null || now.isAfter(f.first().plus(WINDOW)) && !locked(f, now) ? new Failures(0, now, null) : f;
            int count = current.count() + 1;
            return new Failures(count, current.first(), count >= MAX_FAILURES ? now.plus(WINDOW) : current.lockedUntil());
        });
    }

    void succeeded(UUID id) {
        failures.remove(id);
    }

    private static boolean locked(Failures f, Instant now) {
        return f.lockedUntil() != null && now.isBefore(f.lockedUntil());
    }
}
