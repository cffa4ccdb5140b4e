package org.charte.rights.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket, framework-free: {@code capacity} tokens, refilled evenly over {@code refill};
 * each request takes one, none left means refused.
 */
final class TokenBucket {

    private final int capacity;
    private final long refillNanos;
    private double tokens;
    private Instant last;

    TokenBucket(int capacity, Duration refill, Instant now) {
        if (capacity < 1 || refill.isZero() || refill.isNegative()) {
            throw new IllegalArgumentException("a bucket holds at least one token and refills over a positive time");
        }
        this.capacity = capacity;
        this.refillNanos = refill.toNanos();
        this.tokens = capacity;
        this.last = now;
    }

    synchronized boolean take(Instant now) {
        if (now.isAfter(last)) {
            double earned = (double) Duration.between(last, now).toNanos() / refillNanos * capacity;
            tokens = Math.min(capacity, tokens + earned);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Full again by now: the bucket can be forgotten. */
    synchronized boolean full(Instant now) {
        return tokens + (double) Duration.between(last, now).toNanos() / refillNanos * capacity >= capacity;
    }
}
