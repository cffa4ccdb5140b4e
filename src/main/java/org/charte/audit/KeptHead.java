package org.charte.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A head of the audit chain kept elsewhere (R6.5), and what a later verification says of it.
 *
 * <p>A hash chain without a secret cannot tell that someone rewrote every entry from some point on
 * and the head with them; a copy of the head kept out of their reach can. The head kept is the
 * chain's last entry at the time: its position (the entry count then) and its hash, written
 * {@code SEQ:HASH}; {@code audit verify} prints it. The hash alone is enough, as an entry's hash
 * covers its seq and, through the previous hashes, every entry before it; the position only makes
 * the message plainer. Entries appended since are expected: the head is confirmed when the chain
 * verifies and its entry at that position still has that hash, so entries #1 to that one are
 * exactly those the head was kept for. It is missing when that entry, or one before it, was
 * rewritten or removed, or the log truncated below it (or the hash is another log's).
 *
 * @param seq  the position kept with the hash (the entry count then), or {@code null} when only the hash was kept
 * @param hash the hash of the entry at that position (64 zeros for an empty chain)
 */
public record KeptHead(@Nullable Long seq, String hash) {

    private static final Pattern TEXT = Pattern.compile("(?:#?(\\d{1,18}):)?([0-9a-fA-F]{64})");

    public KeptHead {
        Objects.requireNonNull(hash, "hash");
        hash = hash.toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}") || (seq != null && seq < 0)) {
            throw new IllegalArgumentException("a kept head is SEQ:HASH or HASH, the hash 64 hexadecimal characters");
        }
    }

    /** Reads {@code SEQ:HASH} or {@code HASH}, as {@link #toString()} writes it. */
    public static KeptHead parse(String text) {
        Matcher m = TEXT.matcher(Objects.requireNonNull(text, "text").strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a kept head is SEQ:HASH or HASH, the hash 64 hexadecimal characters");
        }
        return new KeptHead(m.group(1) == null ? null : Long.valueOf(m.group(1)), m.group(2));
    }

    /** The head of a chain of {@code count} entries whose last hash is {@code hash}. */
    public static KeptHead of(long count, String hash) {
        return new KeptHead(count, hash);
    }

    @Override
    public String toString() {
        return seq == null ? hash : seq + ":" + hash;
    }

    public enum Status {
        /** The entry at the kept position, in the sound part of the chain, has the kept hash: nothing up to it changed. */
        CONFIRMED,
        /** No entry has the kept hash at the kept position: the log was rewritten or truncated at or before it. */
        MISSING,
        /** The entry with the kept hash lies after the first problem of the chain: it cannot be vouched for. */
        UNVERIFIED
    }

    /** The status of the kept head and a sentence saying it. */
    public record Check(Status status, String message) {
        public boolean confirmed() {
            return status == Status.CONFIRMED;
        }
    }

    /**
     * @param verification the chain's verification, made before the look-ups below
     * @param position     the seq of the entry whose hash is the kept one (0 for the empty chain's start), if any
     * @param hashAtSeq    when a position was kept: the hash of the entry there now, if there is one
     */
    public Check check(AuditVerification verification, OptionalLong position, @Nullable String hashAtSeq) {
        if (position.isEmpty() || (seq != null && position.getAsLong() != seq)) {
            String now = "";
            if (seq != null) {
                now = hashAtSeq != null ? " Entry #" + seq + " now has hash " + hashAtSeq + "."
                        : " The log has no entry #" + seq + " now.";
            }
            return new Check(Status.MISSING, "Kept head " + this + " is missing: no entry of the log has that hash"
                    + (seq == null || position.isEmpty() ? "" : " at #" + seq) + "." + now
                    + " Entries up to it were rewritten or removed since it was kept, or it is not this log's head.");
        }
        long at = position.getAsLong();
        long sound = verification.entriesChecked();
        if (at > sound) {
            return new Check(Status.UNVERIFIED, "Kept head " + this + " is entry #" + at + ", beyond the " + sound
                    + " entries verified: it cannot be vouched for.");
        }
        String since = verification.intact() ? "; " + (sound - at) + " entries appended since." : ", before the chain breaks.";
        return new Check(Status.CONFIRMED, "Kept head confirmed: entry #" + at + " still has hash " + hash + since);
    }
}
