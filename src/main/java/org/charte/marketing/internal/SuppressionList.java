package org.charte.marketing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.charte.marketing.SuppressionRetention;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.subjects.Contacts;
import org.charte.vault.Vault;
import org.springframework.stereotype.Component;

/**
 * The suppression list (L9): every objection kept as keyed hashes of the person's normalised e-mails
 * (e-mail channel) and E.164 phones (SMS and phone channels), under the vault's suppression key, for
 * {@link SuppressionRetention} from the objection. It names nobody, so it survives the person's
 * erasure; postal addresses are not hashed (post is stopped by the objection on the person's file).
 */
@Component
class SuppressionList {

    private final JdbcSuppressions rows;
    private final Vault vault;
    private final SuppressionRetention retention;

    SuppressionList(JdbcSuppressions rows, Vault vault, Policy policy) {
        this.rows = rows;
        this.vault = vault;
        this.retention = SuppressionRetention.of(policy);
    }

    SuppressionRetention retention() {
        return retention;
    }

    /** The hashes of the addresses of that channel among these contacts. */
    Set<String> hashes(MarketingChannel channel, Contacts contacts) {
        Set<String> hashes = new LinkedHashSet<>();
        switch (channel) {
            case EMAIL -> contacts.emails().forEach(e -> AddressNormalisation.email(e)
                    .ifPresent(v -> hashes.add(vault.suppressionHash(AddressNormalisation.EMAIL, v))));
            case SMS, PHONE -> contacts.phones().forEach(p -> AddressNormalisation.phone(p)
                    .ifPresent(v -> hashes.add(vault.suppressionHash(AddressNormalisation.PHONE, v))));
            case POST -> { /* no hash: see the class comment */ }
        }
        return hashes;
    }

    /** The hash of one address for that channel, if it can be read. */
    Set<String> hashOf(MarketingChannel channel, String address) {
        return hashes(channel, channel == MarketingChannel.EMAIL ? new Contacts(List.of(), List.of(address), List.of())
                : new Contacts(List.of(), List.of(), List.of(address)));
    }

    void suppress(Set<String> hashes, MarketingChannel channel, String purpose, LocalDate objectedOn) {
        suppressAll(entries(hashes, channel, purpose, objectedOn));
    }

    /** The entries an objection on that day puts on the list for these hashes, kept {@link SuppressionRetention} from it. */
    List<JdbcSuppressions.Entry> entries(Set<String> hashes, MarketingChannel channel, String purpose, LocalDate objectedOn) {
        List<JdbcSuppressions.Entry> entries = new ArrayList<>(hashes.size());
        for (String hash : hashes) {
            entries.add(new JdbcSuppressions.Entry(hash, channel, purpose, objectedOn, retention.keptUntil(objectedOn)));
        }
        return entries;
    }

    /** Puts these entries on the list (or moves an existing entry's dates to the later objection), in one batch. */
    void suppressAll(List<JdbcSuppressions.Entry> entries) {
        rows.putAll(entries);
    }

    void lift(Set<String> hashes, MarketingChannel channel, String purpose) {
        rows.remove(hashes, channel, purpose);
    }

    /** The entries in force on that day matching these contacts, on any channel. */
    List<JdbcSuppressions.Entry> matching(Contacts contacts, LocalDate day) {
        List<JdbcSuppressions.Entry> found = new ArrayList<>(rows.find(hashes(MarketingChannel.EMAIL, contacts), List.of(MarketingChannel.EMAIL), day));
        found.addAll(rows.find(hashes(MarketingChannel.SMS, contacts), List.of(MarketingChannel.SMS, MarketingChannel.PHONE), day));
        return found;
    }

    boolean suppressed(MarketingChannel channel, String purpose, String address, LocalDate day) {
        return rows.find(hashOf(channel, address), List.of(channel), day).stream().anyMatch(e -> e.purpose().equals(purpose));
    }

    int purge(LocalDate day) {
        // expires_on is the last day kept: what ends before the day goes
        return rows.purgeBefore(day);
    }
}
