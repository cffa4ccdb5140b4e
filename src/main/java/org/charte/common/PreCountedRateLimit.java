package org.charte.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RateLimit} for the busy public doors (the audience beacon, the proofs of cookie choices, the one-click
 * unsubscribe), framework-free, that never makes a request wait for the database: a node decides from its own copy of
 * each client's bucket, in memory, and every flush (about a second, {@link #due} then {@link #settleShared}) pays what it
 * let through into the shared bucket of {@code rate_bucket} ({@link JdbcRateBuckets#spendAll}) and takes back the shared
 * count of every bucket any node paid into since the last flush, which every node's payments lower. A busy client costs
 * one shared row update per node per flush, not one per request: it is never serialised on that row. A copy whose
 * shared bucket nobody paid into is not read back: its count is the one it settled at, refilled as the copy refills
 * itself (the same rule), so reading it would teach nothing.
 *
 * <p><b>The bound.</b> Between two flushes a node spends at most what its copy holds: the shared count at its last
 * flush (at most {@code capacity}) plus the refill of one flush interval. The other nodes learn of it at their next
 * flush. So, over any period {@code T}, a client gets at most {@code capacity + T × rate + (N − 1) × (capacity +
 * rate × flush)} requests through N nodes, against {@code capacity + T × rate} on one node (exact there, as the local
 * copy decides). The excess is a debt: the shared count goes below zero, every node reads it at its next flush and
 * refuses the client until the refill has paid it back, so sustained, the client gets the limit's rate, no more.
 *
 * <p>Memory is bounded: at most {@code maxClients} copies per node (and the crowd's); past it, new clients share one copy
 * (a flood of new keys is limited as one client), and a copy is forgotten once it is full again with nothing left to pay.
 */
public final class PreCountedRateLimit {

    /** The key the clients share when the node already tracks {@code maxClients}. */
    static final String CROWD = "*";

    private final RateLimit limit;
    private final int maxClients;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();

    public PreCountedRateLimit(RateLimit limit, int maxClients) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("a node tracks at least one client");
        }
        this.limit = limit;
        this.maxClients = maxClients;
    }

    public RateLimit limit() {
        return limit;
    }

    /** A node's copy of one client's bucket: the tokens it believes left, when, and what it let through not yet paid. */
    private static final class Copy {
        double tokens;
        long at;
        int unpaid;
        /** Its shared bucket's name ({@link JdbcRateBuckets#hash}), worked out by the first flush that settles it. */
        @Nullable String hash;

        Copy(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(RateLimit limit, long now) {
            tokens = Math.min(limit.capacity(), tokens + Math.max(0, now - at) * limit.tokensPerMilli());
            at = Math.max(at, now);
        }
    }

    /** What a node owes the shared bucket for one client: the requests it let through since its last payment. */
    public record Payment(String client, int requests) {}

    /** Takes a token from the client's copy (epoch milliseconds): whether there was one. Memory only. */
    public boolean take(String client, long now) {
        while (true) {
            String key = copies.containsKey(client) || copies.size() < maxClients ? client : CROWD;
            Copy copy = copies.computeIfAbsent(key, k -> new Copy(limit.capacity(), now));
            synchronized (copy) {
                if (copies.get(key) != copy) {
                    continue; // forgotten by a flush meanwhile (it was full): count on the new copy
                }
                copy.refill(limit, now);
                if (copy.tokens < 1) {
                    return false;
                }
                copy.tokens -= 1;
                copy.unpaid += 1;
                return true;
            }
        }
    }

    /** The {@code Retry-After} of a refusal, in seconds: until the client's copy holds a token again, at least one. */
    public long retryAfterSeconds(String client, long now) {
        Copy copy = copies.get(copies.containsKey(client) ? client : CROWD);
        if (copy == null) {
            return 1;
        }
        synchronized (copy) {
            copy.refill(limit, now);
            double missing = Math.max(0, 1 - copy.tokens);
            return Math.max(1, (long) Math.ceil(missing / limit.tokensPerMilli() / 1000));
        }
    }

    /**
     * What is owed, each client's unpaid requests counted as paid from now on (the flush pays them; on failure it gives
     * them back with {@link #unpaid}); the copies that are full again with nothing owed are forgotten. A copy with nothing
     * owed is not due: the other nodes' spending comes back through {@link #settleShared}.
     */
    public List<Payment> due(long now) {
        List<Payment> payments = new ArrayList<>();
        copies.forEach((client, copy) -> {
            synchronized (copy) {
                if (copy.unpaid > 0) {
                    payments.add(new Payment(client, copy.unpaid));
                    copy.unpaid = 0;
                    return;
                }
                copy.refill(limit, now);
                if (copy.tokens >= limit.capacity()) {
                    copies.remove(client, copy);
                }
            }
        });
        return payments;
    }

    /**
     * After a flush: {@code shared} holds, by bucket name ({@link JdbcRateBuckets#hash}), the tokens at {@code now} of every
     * bucket of this limit some node paid into lately (this node's payments included); each copy of one of them
     * {@linkplain #settle settles} at it. A copy whose bucket is not among them keeps its count: nobody paid into it.
     */
    public void settleShared(Map<String, Double> shared, long now) {
        if (shared.isEmpty()) {
            return;
        }
        copies.forEach((client, copy) -> {
            synchronized (copy) {
                if (copy.hash == null) {
                    copy.hash = JdbcRateBuckets.hash(limit.name(), client); // once per copy, not once per flush
                }
                Double tokens = shared.get(copy.hash);
                if (tokens != null) {
                    copy.tokens = Math.min(limit.capacity(), tokens) - copy.unpaid;
                    copy.at = now;
                }
            }
        });
    }

    /** A payment that failed (the database unreachable): owed again at the next flush. */
    public void unpaid(Payment payment) {
        Copy copy = copies.get(payment.client());
        if (copy == null) {
            return; // forgotten meanwhile: it was full, the shared bucket cannot have been emptied by it
        }
        synchronized (copy) {
            copy.unpaid += payment.requests();
        }
    }

    /**
     * After a payment: the shared bucket held {@code shared} tokens at {@code now}, every node's payments counted; the
     * copy takes that count, less what this node let through since the payment was taken (owed at the next flush).
     */
    public void settle(String client, double shared, long now) {
        Copy copy = copies.get(client);
        if (copy == null) {
            return;
        }
        synchronized (copy) {
            copy.tokens = Math.min(limit.capacity(), shared) - copy.unpaid;
            copy.at = now;
        }
    }

    /**
     * A client address as these limits count it: an IPv4 address whole, an IPv6 address cut to its /64 (what one
     * subscriber is given, and rotates within). Any other text is taken as it is.
     */
    public static String addressKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = bare.indexOf('%');
        String[] groups = expand(zone < 0 ? bare : bare.substring(0, zone));
        return groups == null ? address : String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }

    /** The eight groups of an IPv6 literal (the {@code ::} expanded), or null when it is not one. */
    private static String @Nullable [] expand(String literal) {
        int gap = literal.indexOf("::");
        String[] head = gap < 0 ? literal.split(":", -1) : literal.substring(0, gap).isEmpty() ? new String[0] : literal.substring(0, gap).split(":", -1);
        String[] tail = gap < 0 ? new String[0] : literal.substring(gap + 2).isEmpty() ? new String[0] : literal.substring(gap + 2).split(":", -1);
        if (gap < 0 ? head.length != 8 : head.length + tail.length > 7) {
            return null;
        }
        String[] groups = new String[8];
        Arrays.fill(groups, "0");
        for (int i = 0; i < head.length; i++) {
            groups[i] = head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = tail[i];
        }
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null; // an embedded IPv4 tail or garbage: taken whole
            }
        }
        for (int i = 0; i < 4; i++) {
            groups[i] = Integer.toHexString(Integer.parseInt(groups[i], 16));
        }
        return groups;
    }

    /** How many clients this node holds a copy for (for tests and the bound on memory). */
    public int clients() {
        return copies.size();
    }
}
