package org.charte.audit.internal;

import static org.charte.audit.AuditVerification.Kind.ALTERED;
import static org.charte.audit.AuditVerification.Kind.INSERTED;
import static org.charte.audit.AuditVerification.Kind.REMOVED;
import static org.charte.audit.AuditVerification.Kind.REORDERED;
import static org.charte.audit.AuditVerification.Kind.TRUNCATED;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditVerification;
import org.charte.audit.AuditVerification.Kind;
import org.charte.audit.AuditVerification.Problem;
import org.jspecify.annotations.Nullable;

/**
 * Walks the chain in seq order, a page at a time, and names the first problem.
 *
 * <p>An entry <em>fits</em> when its seq is one more than the last sound entry's ({@code p}; 1
 * at the start), its previous hash is {@code p}'s hash (64 zeros at the start) and its own hash
 * matches its content. The walk stops at the first entry {@code r} that does not fit, and
 * classifies, in this order:
 * <ol>
 * <li><b>INSERTED</b> (fork): {@code r} links to the same entry as {@code p} did. Two entries
 *     claim one predecessor, so one was slipped in: {@code p} if no entry links to it (the chain
 *     went on from {@code r}, the original), otherwise {@code r}. This is what a careful forger
 *     leaves: a row with a valid link and hash pushed in, the rows after it renumbered.</li>
 * <li>{@code r} links to {@code p} and has {@code p}'s next seq, but its hash does not match:
 *     <b>INSERTED</b> at {@code r} if another entry also links to {@code p} and none links to
 *     {@code r} (a forged row whose hash was not recomputed), otherwise <b>ALTERED</b>.</li>
 * <li>{@code r} links to {@code p} across a gap in seq: <b>REMOVED</b> (entries gone, {@code r}
 *     re-hashed to close the gap) if {@code r}'s hash matches, otherwise <b>ALTERED</b> (its seq
 *     was changed).</li>
 * <li>{@code r} has the right seq and would match its hash with {@code p}'s hash as its link:
 *     only its previous-hash column was changed, <b>ALTERED</b>.</li>
 * <li>Another entry {@code s} links to {@code p}: {@code p}'s true successor is elsewhere.
 *     <b>REORDERED</b> at {@code p}'s next seq if {@code r} is connected to the chain (its link
 *     is some entry's hash, or some entry links to it): genuine entries in another order, such
 *     as two rows with their seq swapped. Otherwise <b>INSERTED</b> at {@code r}: a row linked to
 *     nothing and followed by nothing.</li>
 * <li>No entry links to {@code p}. A gap in seq: <b>REMOVED</b> from {@code p}'s next seq (the
 *     link of {@code r} points to an entry that is not there). No gap and {@code r}'s hash
 *     matches its content: {@code r} links to another version of {@code p}, so {@code p} was
 *     rewritten and re-hashed, <b>ALTERED</b> at {@code p} (at the start, with no {@code p}:
 *     <b>REMOVED</b> at 1). Otherwise {@code r} itself is <b>ALTERED</b>.</li>
 * </ol>
 * After the last entry the head is checked: entries up to the head's seq missing,
 * <b>TRUNCATED</b>; the last entry's hash not the head's, <b>ALTERED</b> (or <b>INSERTED</b> when
 * another entry also links to its predecessor); rows numbered beyond the head, <b>INSERTED</b>.
 *
 * <p>The heuristics name the likeliest single tampering; several at once are reported at the
 * first place the chain breaks. The walk covers the chain up to the head as read when it
 * starts, so appends made meanwhile are not mistaken for tampering. A hash chain without a secret
 * cannot detect someone who rewrites every entry from some point on <em>and</em> the head:
 * keeping copies of the head's hash elsewhere (each export carries it) closes that gap.
 */
final class ChainVerifier {

    static final int PAGE = 1000;

    private final ChainStore store;

    ChainVerifier(ChainStore store) {
        this.store = store;
    }

    AuditVerification verify() {
        Optional<ChainStore.Head> read = store.head();
        if (read.isEmpty()) {
            return AuditVerification.broken(0, new Problem(REMOVED, 0, "the chain's head (audit_head) is missing"));
        }
        ChainStore.Head head = read.get();
        StoredEntry last = null;
        long checked = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            List<StoredEntry> page = store.page(after, head.lastSeq(), PAGE);
            for (StoredEntry row : page) {
                if (!fits(last, row)) {
                    return broken(checked, classify(last, row));
                }
                last = row;
                checked++;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().seq();
        }
        Problem atEnd = atEnd(last, head);
        if (atEnd != null) {
            return broken(checked, atEnd);
        }
        OptionalLong beyond = store.firstBeyondHead();
        if (beyond.isPresent()) {
            long seq = beyond.getAsLong();
            return broken(checked, new Problem(INSERTED, seq, "entry #" + seq + " lies beyond the chain's head, which ends at #"
                    + head.lastSeq() + ": it was never appended to the log"));
        }
        return AuditVerification.intact(checked);
    }

    /** Only the entries before the problem count as checked. */
    private static AuditVerification broken(long checked, Problem problem) {
        return AuditVerification.broken(Math.max(0, Math.min(checked, problem.seq() - 1)), problem);
    }

    private static long nextSeq(@Nullable StoredEntry p) {
        return p == null ? 1 : p.seq() + 1;
    }

    private static String nextLink(@Nullable StoredEntry p) {
        return p == null ? AuditEntry.GENESIS : p.hash();
    }

    private static String name(@Nullable StoredEntry p) {
        return p == null ? "the start of the chain" : "#" + p.seq();
    }

    static boolean fits(@Nullable StoredEntry p, StoredEntry r) {
        return r.seq() == nextSeq(p) && r.previousHash().equals(nextLink(p)) && r.selfConsistent();
    }

    private Problem classify(@Nullable StoredEntry p, StoredEntry r) {
        long seq = nextSeq(p);
        String link = nextLink(p);
        if (r.seq() < seq) {
            return problem(INSERTED, r.seq(), "entry #%d is numbered before the chain's first entry, #1", r.seq());
        }
        if (p != null && r.previousHash().equals(p.previousHash())) {
            if (store.linkingTo(p.hash()).isEmpty()) {
                return problem(INSERTED, p.seq(), "entry #%d is not part of the chain: entry #%d links to the entry before it, "
                        + "and no entry links to #%d", p.seq(), r.seq(), p.seq());
            }
            return problem(INSERTED, r.seq(), "entry #%d is not part of the chain: it links to the same entry as #%d, "
                    + "from which the chain goes on", r.seq(), p.seq());
        }
        List<StoredEntry> others = store.linkingTo(link).stream().filter(s -> s.seq() != r.seq()).toList();
        if (r.previousHash().equals(link)) {
            if (r.seq() == seq) {
                if (!others.isEmpty() && store.linkingTo(r.hash()).isEmpty()) {
                    return problem(INSERTED, r.seq(), "entry #%d is not part of the chain: entry #%d also follows %s, "
                            + "and nothing follows #%d", r.seq(), others.getFirst().seq(), name(p), r.seq());
                }
                return problem(ALTERED, r.seq(), "entry #%d no longer matches its hash: its content was changed", r.seq());
            }
            if (r.selfConsistent()) {
                return removed(seq, r, "; entry #%d was re-hashed to follow %s".formatted(r.seq(), name(p)));
            }
            return problem(ALTERED, r.seq(), "entry #%d follows %s in the chain but is numbered #%d: its number or content was changed",
                    r.seq(), name(p), r.seq());
        }
        if (r.seq() == seq && r.computedHash(seq, link).equals(r.hash())) {
            return problem(ALTERED, r.seq(), "entry #%d no longer matches its hash: its link to the previous entry was changed", r.seq());
        }
        if (!others.isEmpty()) {
            StoredEntry successor = others.getFirst();
            boolean connected = store.hashExists(r.previousHash()) || !store.linkingTo(r.hash()).isEmpty();
            if (connected) {
                return problem(REORDERED, seq, "entries are out of order from #%d: entry #%d is the one that follows %s, "
                        + "and entry #%d belongs elsewhere in the chain", seq, successor.seq(), name(p), r.seq());
            }
            return problem(INSERTED, r.seq(), "entry #%d is not part of the chain: it links to no entry and none links to it; "
                    + "entry #%d is the one that follows %s", r.seq(), successor.seq(), name(p));
        }
        if (r.seq() > seq) {
            return removed(seq, r, "");
        }
        if (r.selfConsistent()) {
            if (p != null) {
                return problem(ALTERED, p.seq(), "entry #%d was rewritten: its hash was recomputed, but entry #%d still links "
                        + "to the original", p.seq(), r.seq());
            }
            return problem(REMOVED, 1, "the first entry links to an entry that is not there: the original start of the chain was removed");
        }
        return problem(ALTERED, r.seq(), "entry #%d no longer matches its hash, and links to an entry that is not there", r.seq());
    }

    private static Problem removed(long from, StoredEntry r, String more) {
        String which = from == r.seq() - 1 ? "entry #" + from + " is" : "entries #" + from + " to #" + (r.seq() - 1) + " are";
        return new Problem(REMOVED, from, which + " missing: entry #" + r.seq() + " no longer links to its predecessor" + more);
    }

    private @Nullable Problem atEnd(@Nullable StoredEntry last, ChainStore.Head head) {
        long lastSeq = last == null ? 0 : last.seq();
        if (lastSeq < head.lastSeq()) {
            String which = lastSeq + 1 == head.lastSeq() ? "entry #" + head.lastSeq() + " is" : "entries #" + (lastSeq + 1) + " to #" + head.lastSeq() + " are";
            return problem(TRUNCATED, lastSeq + 1, "the chain's head ends at #%d, but the log ends %s: %s missing", head.lastSeq(),
                    last == null ? "before its first entry" : "at #" + lastSeq, which);
        }
        if (last != null && !last.hash().equals(head.lastHash())) {
            List<StoredEntry> twins = store.linkingTo(last.previousHash()).stream().filter(s -> s.seq() != last.seq()).toList();
            if (!twins.isEmpty()) {
                return problem(INSERTED, last.seq(), "entry #%d is not part of the chain: entry #%d links to the entry before it",
                        last.seq(), twins.getFirst().seq());
            }
            return problem(ALTERED, last.seq(), "entry #%d was rewritten: its hash is not the one the chain's head recorded", last.seq());
        }
        return null;
    }

    private static Problem problem(Kind kind, long seq, String detail, Object... args) {
        return new Problem(kind, seq, args.length == 0 ? detail : detail.formatted(args));
    }
}
