package org.charte.common;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
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

    /** Pays into an existing bucket: parameters capacity, now, rate (the refill), requests, now, limit, hash. */
    private static final String PAY_EXISTING = "UPDATE rate_bucket SET tokens = LEAST(CAST(? AS DOUBLE PRECISION), tokens + GREATEST(0, "
            + "CAST(? AS BIGINT) - counted_at) * CAST(? AS DOUBLE PRECISION)) - CAST(? AS DOUBLE PRECISION), "
            + "counted_at = GREATEST(counted_at, CAST(? AS BIGINT)) WHERE limit_name = ? AND client_hash = ?";
    private static final String INSERT = "INSERT INTO rate_bucket (limit_name, client_hash, tokens, counted_at) VALUES (?, ?, ?, ?)";
    /**
     * PostgreSQL: {@link #PAY_EXISTING} and {@link #INSERT} of a whole flush in one statement of fixed text, the clients'
     * bucket names and payments as two arrays (in the names' order): a new bucket starts full less the payment, an
     * existing one refills and pays as {@link #PAY_EXISTING} does. Parameters: limit, capacity, now, names, payments,
     * capacity, now, rate, capacity. No duplicate-key failure: another node's bucket made meanwhile is paid into.
     */
    static final String PAY_ALL_PG = "INSERT INTO rate_bucket AS b (limit_name, client_hash, tokens, counted_at) "
            + "SELECT CAST(? AS VARCHAR(40)), h, CAST(? AS DOUBLE PRECISION) - CAST(r AS DOUBLE PRECISION), CAST(? AS BIGINT) "
            + "FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS u (h, r) "
            + "ON CONFLICT (limit_name, client_hash) DO UPDATE SET tokens = LEAST(CAST(? AS DOUBLE PRECISION), b.tokens + GREATEST(0, "
            + "CAST(? AS BIGINT) - b.counted_at) * CAST(? AS DOUBLE PRECISION)) - (CAST(? AS DOUBLE PRECISION) - EXCLUDED.tokens), "
            + "counted_at = GREATEST(b.counted_at, EXCLUDED.counted_at)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Set<RateLimit> used = ConcurrentHashMap.newKeySet();
    private final boolean postgres;

    JdbcRateBuckets(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, Clock clock, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.postgres = Databases.postgres(dataSource, "the rate limits");
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
     * A node's flush of one limit ({@link PreCountedBuckets}): the payments of many clients at once (PostgreSQL: one
     * statement, {@link #PAY_ALL_PG}; H2: one batch of UPDATEs, one of INSERTs for the buckets not there yet), then the shared count of every bucket of the limit counted at or after
     * {@code changedSince} (epoch milliseconds: the payments just made, and those other nodes made lately), all in one
     * transaction (one commit, however many clients; one statement when nothing is owed). Answers the tokens each of those
     * buckets holds now, by bucket name ({@link #hash}). A bucket nobody paid into since is not read: a node's copy of it
     * already holds its count. One range of the index on {@code (limit_name, counted_at)}, however many copies a node keeps.
     *
     * @throws DuplicateKeyException when another node made one of these buckets at the same moment: nothing of this call is
     *     kept; {@link #spend} each client instead, then {@link #changedSince}
     */
    public Map<String, Double> spendAll(RateLimit limit, List<PreCountedRateLimit.Payment> payments, long changedSince) {
        used.add(limit);
        long now = clock.millis();
        double capacity = limit.capacity();
        if (payments.isEmpty()) {
            return changedSince(limit, changedSince, now);
        }
        // one payment per bucket (a statement may not change a row twice, nor insert it twice), in the names' order (nodes lock them alike)
        Map<String, Integer> owed = new TreeMap<>();
        for (PreCountedRateLimit.Payment payment : payments) {
            owed.merge(hash(limit.name(), payment.client()), payment.requests(), Integer::sum);
        }
        if (postgres) {
            String[] names = owed.keySet().toArray(String[]::new);
            String[] requests = owed.values().stream().map(String::valueOf).toArray(String[]::new);
            return transaction.execute(status -> {
                batch.execute((Connection connection) -> {
                    try (PreparedStatement ps = connection.prepareStatement(PAY_ALL_PG)) {
                        ps.setString(1, limit.name());
                        ps.setDouble(2, capacity);
                        ps.setLong(3, now);
                        ps.setArray(4, connection.createArrayOf("text", names));
                        ps.setArray(5, connection.createArrayOf("text", requests));
                        ps.setDouble(6, capacity);
                        ps.setLong(7, now);
                        ps.setDouble(8, limit.tokensPerMilli());
                        ps.setDouble(9, capacity);
                        return ps.executeUpdate();
                    }
                });
                return changedSince(limit, changedSince, now);
            });
        }
        List<Object[]> paid = new ArrayList<>(owed.size());
        List<String> hashes = new ArrayList<>(owed.keySet());
        List<Integer> requests = new ArrayList<>(owed.values());
        for (int i = 0; i < hashes.size(); i++) {
            paid.add(new Object[] {capacity, now, limit.tokensPerMilli(), (double) requests.get(i), now, limit.name(), hashes.get(i)});
        }
        return transaction.execute(status -> {
            // the buckets that exist in one batch of UPDATEs, the others (0 rows updated) in one batch of INSERTs
            int[] updated = batch.batchUpdate(PAY_EXISTING, paid);
            List<Object[]> created = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    created.add(new Object[] {limit.name(), hashes.get(i), capacity - requests.get(i), now});
                }
            }
            if (!created.isEmpty()) {
                batch.batchUpdate(INSERT, created);
            }
            return changedSince(limit, changedSince, now);
        });
    }

    /**
     * The tokens at {@code now} of every bucket of this limit counted at or after {@code since} (epoch milliseconds), by
     * bucket name: what a node's copies learn of every node's payments.
     */
    public Map<String, Double> changedSince(RateLimit limit, long since, long now) {
        used.add(limit);
        double rate = limit.tokensPerMilli();
        double capacity = limit.capacity();
        Map<String, Double> shared = new HashMap<>();
        jdbc.sql("SELECT client_hash, tokens, counted_at FROM rate_bucket WHERE limit_name = ? AND counted_at >= ?")
                .params(limit.name(), since)
                .query(rs -> {
                    shared.put(rs.getString(1).strip(), Math.min(capacity, rs.getDouble(2) + Math.max(0, now - rs.getLong(3)) * rate));
                });
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
