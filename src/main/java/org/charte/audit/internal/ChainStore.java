package org.charte.audit.internal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What verification reads of the chain: its head, its rows in order, and lookups by hash. */
interface ChainStore {

    /** The chain's head: the last seq and hash every append has moved forward. */
    record Head(long lastSeq, String lastHash) {}

    Optional<Head> head();

    /** Rows with {@code afterSeq < seq <= upToSeq}, in seq order, at most {@code limit}. */
    List<StoredEntry> page(long afterSeq, long upToSeq, int limit);

    /** Rows whose previous hash is {@code hash}: the entries that claim to follow it, in seq order. */
    List<StoredEntry> linkingTo(String hash);

    /** Whether some row's hash is {@code hash}. */
    boolean hashExists(String hash);

    /** The lowest seq above the head, read in the same snapshot as the head. */
    OptionalLong firstBeyondHead();
}
