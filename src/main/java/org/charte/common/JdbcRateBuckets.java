package org.charte.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    /** The most clients read back in one statement. */
    static final int READ_CHUNK = 1000;

    /** Pays into an existing bucket: parameters capacity, now, rate (the refill), requests, now, limit, hash. */
    private static final String PAY_EXISTING = "UPDATE rate_bucket SET tokens = LEAST(CAST(? AS DOUBLE PRECISION), tokens + GREATEST(0, "
            + "CAST(? AS BIGINT) - counted_at) * CAST(? AS DOUBLE PRECISION)) - CAST(? AS DOUBLE PRECISION), "
            + "counted_at = GREATEST(counted_at, CAST(? AS BIGINT)) WHERE limit_name = ? AND client_hash = ?";
    private static final String INSERT = "INSERT INTO rate_bucket (limit_name, client_hash, tokens, counted_at) VALUES (?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Set<RateLimit> used = ConcurrentHashMap.newKeySet();

    JdbcRateBuckets(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
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

    /**
     * {@link #spend} for many clients of one limit at once, as a node's flush does: the payments in one batch of UPDATEs (and
     * one of INSERTs for the buckets not there yet), the
     * shared counts read back in one statement per {@value #READ_CHUNK} clients, all in one transaction (one commit,
     * however many clients). Answers the tokens each client's bucket holds afterwards (a full bucket when there is none).
     *
     * @throws DuplicateKeyException when another node made one of these buckets at the same moment: nothing of this call is
     *     kept; {@link #spend} each client instead
     */
    public Map<String, Double> spendAll(RateLimit limit, List<PreCountedRateLimit.Payment> payments) {
        used.add(limit);
        long now = clock.millis();
        double rate = limit.tokensPerMilli();
        double capacity = limit.capacity();
        Map<String, String> clientOf = new HashMap<>();
        record Paid(String hash, double requests) {}
        List<Paid> paid = new ArrayList<>();
        for (PreCountedRateLimit.Payment payment : payments) {
            String hash = hash(limit.name(), payment.client());
            clientOf.put(hash, payment.client());
            if (payment.requests() > 0) {
                paid.add(new Paid(hash, payment.requests()));
            }
        }
        Map<String, Double> shared = new HashMap<>();
        transaction.executeWithoutResult(status -> {
            if (!paid.isEmpty()) {
                // the buckets that exist in one batch of UPDATEs, the others (0 rows updated) in one batch of INSERTs
                int[] updated = batch.batchUpdate(PAY_EXISTING, paid.stream()
                        .map(p -> new Object[] {capacity, now, rate, p.requests(), now, limit.name(), p.hash()}).toList());
                List<Object[]> created = new ArrayList<>();
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] == 0) {
                        created.add(new Object[] {limit.name(), paid.get(i).hash(), capacity - paid.get(i).requests(), now});
                    }
                }
                if (!created.isEmpty()) {
                    batch.batchUpdate(INSERT, created);
                }
            }
            List<String> hashes = new ArrayList<>(clientOf.keySet());
            for (int from = 0; from < hashes.size(); from += READ_CHUNK) {
                jdbc.sql("SELECT client_hash, tokens, counted_at FROM rate_bucket WHERE limit_name = :limit AND client_hash IN (:hashes)")
                        .param("limit", limit.name()).param("hashes", hashes.subList(from, Math.min(hashes.size(), from + READ_CHUNK)))
                        .query((rs, n) -> shared.put(clientOf.get(rs.getString(1).strip()),
                                Math.min(capacity, rs.getDouble(2) + Math.max(0, now - rs.getLong(3)) * rate)))
                        .list();
            }
        });
        for (PreCountedRateLimit.Payment payment : payments) {
            shared.putIfAbsent(payment.client(), capacity);
        }
        return shared;
    }

    private boolean spendExisting(RateLimit limit, String hash, int requests, long now) {
        return jdbc.sql(PAY_EXISTING)
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
