package org.charte.common;

import java.time.Duration;
import java.time.Instant;

/**
 * A rate limit's rule, framework-free: a token bucket per client of {@code capacity} tokens, refilled
 * evenly over {@code refill}; each request takes one, none left is refused. The buckets themselves
 * are shared by every node ({@link JdbcRateBuckets}), so a client counts the same whichever node it reaches.
 */
public record RateLimit(String name, int capacity, Duration refill) {

    public RateLimit {
        if (name.isBlank() || name.length() > 40) {
            throw new IllegalArgumentException("a rate limit is named in 1 to 40 characters");
        }
        if (capacity < 1 || refill.toMillis() < 1) {
            throw new IllegalArgumentException("a bucket holds at least one token and refills over a positive time");
        }
    }

    /** Tokens earned per millisecond. */
    public double tokensPerMilli() {
        return (double) capacity / refill.toMillis();
    }

    /** A bucket last counted before this (epoch milliseconds) is full again: it can be forgotten. */
    public long fullIfCountedBefore(Instant now) {
        return now.minus(refill).toEpochMilli();
    }

    /** The {@code Retry-After} of a refusal: the time one token takes to come back, at least a second. */
    public long retryAfterSeconds() {
        return Math.max(1, refill.toSeconds() / capacity);
    }
}
