package org.charte.subjects.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.SubjectRetention;
import org.charte.subjects.SubjectStatus;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The people as the retention run sees them (R5.6): who is due by the rule's cutoffs, locked and
 * re-read, the archive's minimum identity, and erasure for good with the person's key
 * (crypto-shredding, R8.4). The system erasing: no decision, no audit entry per person.
 */
@Service
class SubjectErasures implements SubjectRetention {

    private final JdbcSubjects rows;
    private final SubjectStore store;
    private final Vault vault;

    SubjectErasures(JdbcSubjects rows, SubjectStore store, Vault vault) {
        this.rows = rows;
        this.store = store;
        this.vault = vault;
    }

    @Override
    public List<UUID> dueIds(SubjectStatus status, Cutoffs cutoffs, @Nullable UUID after, int limit) {
        return rows.dueIds(status, cutoffs, after, limit);
    }

    @Override
    public long countDue(SubjectStatus status, Cutoffs cutoffs) {
        return rows.countDue(status, cutoffs);
    }

    @Override
    public Map<UUID, Lifecycle> lock(Collection<UUID> ids) {
        return rows.lock(ids);
    }

    @Override
    public Map<UUID, ArchiveIdentity> archiveIdentities(Collection<UUID> ids) {
        Map<UUID, ArchiveIdentity> found = new LinkedHashMap<>();
        for (UUID id : ids) {
            store.row(id).ifPresent(row -> {
                Identity identity = store.identityOf(row);
                Contacts contacts = store.contactsOf(row);
                found.put(id, new ArchiveIdentity(new Identity(identity.civility(), identity.lastName(), identity.firstNames(), null),
                        contacts.addresses().isEmpty() ? null : contacts.addresses().getFirst()));
            });
        }
        return found;
    }

    @Override
    public int erase(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<UUID> list = List.copyOf(ids);
        int erased = rows.delete(list);
        vault.shredAll(list);
        return erased;
    }

    @Override
    public int eraseOtherInformation(Collection<UUID> ids) {
        return ids.isEmpty() ? 0 : rows.clearOtherInformation(List.copyOf(ids));
    }
}
