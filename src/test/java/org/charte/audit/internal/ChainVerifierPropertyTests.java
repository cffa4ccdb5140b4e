package org.charte.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditOutcome;
import org.charte.audit.AuditVerification;
import org.charte.audit.AuditVerification.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verifier's classification over many random chains and random single tamperings, on an
 * in-memory chain (the integration tests do the same on the real table, H2 and PostgreSQL).
 */
class ChainVerifierPropertyTests {

    /** The table and its head, in memory. */
    static final class MemoryChain implements ChainStore {
        final TreeMap<Long, StoredEntry> rows = new TreeMap<>();
        Head head = new Head(0, AuditEntry.GENESIS);

        MemoryChain(int length, Random random) {
            String previous = AuditEntry.GENESIS;
            for (long seq = 1; seq <= length; seq++) {
                StoredEntry row = StoredEntry.chained(seq, new UUID(random.nextLong(), random.nextLong()),
                        Instant.parse("2026-11-26T10:00:00Z").plusNanos(random.nextLong(1_000_000_000_000L)), event(random), previous);
                rows.put(seq, row);
                previous = row.hash();
            }
            head = new Head(length, previous);
        }

        @Override
        public Optional<Head> head() {
            return Optional.of(head);
        }

        @Override
        public List<StoredEntry> page(long afterSeq, long upToSeq, int limit) {
            return rows.subMap(afterSeq, false, upToSeq, true).values().stream().limit(limit).toList();
        }

        @Override
        public List<StoredEntry> linkingTo(String hash) {
            return rows.values().stream().filter(r -> r.previousHash().equals(hash)).toList();
        }

        @Override
        public boolean hashExists(String hash) {
            return rows.values().stream().anyMatch(r -> r.hash().equals(hash));
        }

        @Override
        public OptionalLong firstBeyondHead() {
            Long seq = rows.higherKey(head.lastSeq());
            return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
        }

        StoredEntry at(long seq) {
            return rows.get(seq);
        }

        /** Renumbers entries from {@code seq} on one up, as SQL would, leaving their hashes as they were. */
        void shiftFrom(long seq) {
            for (Long key : new ArrayList<>(rows.descendingMap().headMap(seq, true).keySet())) {
                rows.put(key + 1, renumbered(rows.remove(key), key + 1));
            }
        }

        void swap(long a, long b) {
            StoredEntry first = rows.remove(a);
            StoredEntry second = rows.remove(b);
            rows.put(a, renumbered(second, a));
            rows.put(b, renumbered(first, b));
        }

        AuditVerification verify() {
            return new ChainVerifier(this).verify();
        }
    }

    static AuditEvent event(Random random) {
        return new AuditEvent("staff:" + new UUID(random.nextLong(), random.nextLong()), random.nextBoolean() ? "read" : "write",
                random.nextBoolean() ? "customer-service" : null, "subject", null, new UUID(random.nextLong(), random.nextLong()),
                random.nextBoolean() ? List.of("identity", "contact") : List.of(), random.nextInt(5) == 0
                        ? AuditOutcome.DENIED : AuditOutcome.ALLOWED, null);
    }

    static StoredEntry renumbered(StoredEntry row, long seq) {
        return new StoredEntry(seq, row.id(), row.at(), row.actor(), row.action(), row.purpose(), row.resourceType(),
                row.resourceId(), row.subjectId(), row.categories(), row.outcome(), row.reason(), row.previousHash(), row.hash());
    }

    static StoredEntry withActor(StoredEntry row, String actor) {
        return new StoredEntry(row.seq(), row.id(), row.at(), actor, row.action(), row.purpose(), row.resourceType(),
                row.resourceId(), row.subjectId(), row.categories(), row.outcome(), row.reason(), row.previousHash(), row.hash());
    }

    static String garbage(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    record Expected(Kind kind, long seq) {}

    /** Applies one random tampering to a chain of {@code n} entries and says what verification must name. */
    static Expected tamper(MemoryChain chain, int n, Random random) {
        long k = 1 + random.nextInt(n);
        switch (random.nextInt(9)) {
            case 0 -> { // content changed, hash left
                chain.rows.put(k, withActor(chain.at(k), "staff:someone-else"));
                return new Expected(Kind.ALTERED, k);
            }
            case 1 -> { // content changed and hash recomputed
                StoredEntry changed = withActor(chain.at(k), "system");
                chain.rows.put(k, changed.withHash(changed.computedHash()));
                return new Expected(Kind.ALTERED, k);
            }
            case 2 -> { // entries removed from k on: some in the middle, or the last ones
                long count = 1 + random.nextInt((int) (n - k + 1));
                for (long seq = k; seq < k + count; seq++) {
                    chain.rows.remove(seq);
                }
                return new Expected(k + count - 1 == n ? Kind.TRUNCATED : Kind.REMOVED, k);
            }
            case 3 -> { // two entries swap places
                if (n < 2) {
                    chain.rows.put(1L, withActor(chain.at(1), "system"));
                    return new Expected(Kind.ALTERED, 1);
                }
                long a = 1 + random.nextInt(n - 1);
                long b = a + 1 + random.nextInt((int) (n - a));
                chain.swap(a, b);
                return new Expected(Kind.REORDERED, a);
            }
            case 4, 5, 6 -> { // a forged entry pushed in at k, the rest renumbered; careful, half-careful or naive
                String link = k == 1 ? AuditEntry.GENESIS : chain.at(k - 1).hash();
                int care = random.nextInt(3);
                chain.shiftFrom(k);
                StoredEntry forged = StoredEntry.chained(k, UUID.randomUUID(), Instant.parse("2026-11-27T09:00:00Z"), event(random),
                        care == 0 ? garbage(random) : link);
                chain.rows.put(k, care == 2 ? forged : forged.withHash(garbage(random)));
                if (random.nextBoolean()) { // the forger also moves the head
                    chain.head = new ChainStore.Head(n + 1, chain.at(n + 1).hash());
                }
                return new Expected(Kind.INSERTED, k);
            }
            case 7 -> { // a well-formed entry added after the last, head left as it was
                StoredEntry forged = StoredEntry.chained(n + 1, UUID.randomUUID(), Instant.parse("2026-11-27T09:00:00Z"),
                        event(random), chain.at(n).hash());
                chain.rows.put((long) n + 1, forged);
                return new Expected(Kind.INSERTED, n + 1);
            }
            default -> { // only the link column changed
                chain.rows.put(k, new StoredEntry(k, chain.at(k).id(), chain.at(k).at(), chain.at(k).actor(), chain.at(k).action(),
                        chain.at(k).purpose(), chain.at(k).resourceType(), chain.at(k).resourceId(), chain.at(k).subjectId(),
                        chain.at(k).categories(), chain.at(k).outcome(), chain.at(k).reason(), garbage(random), chain.at(k).hash()));
                return new Expected(Kind.ALTERED, k);
            }
        }
    }

    @Test
    @DisplayName("R6.5 an untouched chain of any length verifies intact, every entry checked")
    void intact() {
        Random random = new Random(65);
        for (int n = 0; n < 60; n++) {
            MemoryChain chain = new MemoryChain(n, random);
            assertThat(chain.verify()).isEqualTo(AuditVerification.intact(n));
        }
    }

    @Test
    @DisplayName("R6.5 any single alteration, removal, insertion, reordering or truncation is named with its kind and entry")
    void everyTamperingNamed() {
        for (int seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L);
            // Mostly short chains; every 25th long enough to span several pages of the walk.
            int n = 1 + random.nextInt(seed % 25 == 0 ? 2 * ChainVerifier.PAGE + 100 : 12);
            MemoryChain chain = new MemoryChain(n, random);
            Expected expected = tamper(chain, n, random);
            AuditVerification result = chain.verify();
            assertThat(result.intact()).as("seed %d", seed).isFalse();
            assertThat(result.firstProblem()).as("seed %d: %s", seed, result).isNotNull();
            assertThat(new Expected(result.firstProblem().kind(), result.firstProblem().seq())).as("seed %d, n %d: %s", seed, n, result)
                    .isEqualTo(expected);
            assertThat(result.entriesChecked()).as("seed %d", seed).isEqualTo(expected.seq() - 1);
        }
    }
}
