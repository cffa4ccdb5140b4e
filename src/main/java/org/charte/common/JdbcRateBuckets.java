package org.charte.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token buckets of every {@link RateLimit}, in the database (table {@code rate_bucket}, Flyway
 * V46_1) so that every node counts against the same bucket. Taking a token is one conditional
 * UPDATE (the refill and the take computed by the database in the same statement, atomic under the
 * row's lock, portable to H2 and PostgreSQL); a client's first request inserts its bucket. The client
 * is stored as a SHA-256 of the limit and its key (an address, a token's name), never in clear.
 * Times are the node's clock's, in epoch milliseconds.
 */
@Component
public class JdbcRateBuckets {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Set<RateLimit> used = ConcurrentHashMap.newKeySet();

    JdbcRateBuckets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Makes a limit known to the purge (its owner, at start: every node then purges every limit). */
    public RateLimit register(RateLimit limit) {
        used.add(limit);
        return limit;
    }

    /** Takes a token from the client's bucket: whether there was one. */
    public boolean take(RateLimit limit, String client) {
        used.add(limit);
        String hash = hash(limit.name(), client);
        long now = clock.millis();
        if (takeExisting(limit, hash, now)) {
            return true;
        }
        if (jdbc.sql("SELECT COUNT(*) FROM rate_bucket WHERE limit_name = ? AND client_hash = ?").params(limit.name(), hash)
                .query(Integer.class).single() > 0) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO rate_bucket (limit_name, client_hash, tokens, counted_at) VALUES (?, ?, ?, ?)")
                    .params(limit.name(), hash, (double) limit.capacity() - 1, now).update();
            return true;
        } catch (DuplicateKeyException e) {
            return takeExisting(limit, hash, now); // another node made it meanwhile
        }
    }

    private boolean takeExisting(RateLimit limit, String hash, long now) {
        double rate = limit.tokensPerMilli();
        double capacity = limit.capacity();
        // typed parameters: H2 would otherwise take the rate's type from the BIGINT beside it, and round it to 0
        String refilled = "LEAST(CAST(? AS DOUBLE PRECISION), tokens + GREATEST(0, CAST(? AS BIGINT) - counted_at) * CAST(? AS DOUBLE PRECISION))";
        return jdbc.sql("UPDATE rate_bucket SET tokens = " + refilled + " - 1, counted_at = GREATEST(counted_at, CAST(? AS BIGINT)) "
                        + "WHERE limit_name = ? AND client_hash = ? AND " + refilled + " >= 1")
                .params(capacity, now, rate, now, limit.name(), hash, capacity, now, rate).update() == 1;
    }

    /**
     * Pays into the client's bucket the {@code requests} a node let through on its own ({@link PreCountedRateLimit}): the
     * refill and the payment in one UPDATE, which may take the bucket below zero (a debt every node then sees); a first
     * payment inserts the bucket; a payment of nothing only reads. Returns the tokens the bucket holds afterwards, every node's
     * payments counted (a full bucket when there is none).
     */
    public double spend(RateLimit limit, String client, int requests) {
        used.add(limit);
        String hash = hash(limit.name(), client);
        long now = clock.millis();
        double rate = limit.tokensPerMilli();
        double capacity = limit.capacity();
        if (requests > 0 && !spendExisting(limit, hash, requests, now)) {
            try {
                jdbc.sql("INSERT INTO rate_bucket (limit_name, client_hash, tokens, counted_at) VALUES (?, ?, ?, ?)")
                        .params(limit.name(), hash, capacity - requests, now).update();
            } catch (DuplicateKeyException e) {
                spendExisting(limit, hash, requests, now); // another node made it meanwhile
            }
        }
        return jdbc.sql("SELECT tokens, counted_at FROM rate_bucket WHERE limit_name = ? AND client_hash = ?").params(limit.name(), hash)
                .query((rs, n) -> Math.min(capacity, rs.getDouble(1) + Math.max(0, now - rs.getLong(2)) * rate)).optional().orElse(capacity);
    }

    private boolean spendExisting(RateLimit limit, String hash, int requests, long now) {
        String refilled = "LEAST(CAST(? AS DOUBLE PRECISION), tokens + GREATEST(0, CAST(? AS BIGINT) - counted_at) * CAST(? AS DOUBLE PRECISION))";
        return jdbc.sql("UPDATE rate_bucket SET tokens = " + refilled + " - CAST(? AS DOUBLE PRECISION), counted_at = GREATEST(counted_at, CAST(? AS BIGINT)) "
                        + "WHERE limit_name = ? AND client_hash = ?")
                .params((double) limit.capacity(), now, limit.tokensPerMilli(), (double) requests, now, limit.name(), hash).update() == 1;
    }

    /** Forgets the buckets that are full again; how many. */
    public int purge() {
        int deleted = 0;
        for (RateLimit limit : used) {
            deleted += jdbc.sql("DELETE FROM rate_bucket WHERE limit_name = ? AND counted_at < ?")
                    .params(limit.name(), limit.fullIfCountedBefore(clock.instant())).update();
        }
        return deleted;
    }

    /** The client as its bucket names it: a SHA-256 of the limit and its key, never the key itself. */
    public static String hash(String limit, String client) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(limit.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(client.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
