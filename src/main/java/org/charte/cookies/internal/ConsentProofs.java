package org.charte.cookies.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.cookies.ConsentProofRetention;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The proofs of cookie choices as the retention run sees them (R5.4): rows by date, locked, erased. */
@Service
class ConsentProofs implements ConsentProofRetention {

    private final JdbcConsentRecords rows;

    ConsentProofs(JdbcConsentRecords rows) {
        this.rows = rows;
    }

    @Override
    public long countRecordedBefore(Instant cutoff) {
        return rows.countRecordedBefore(cutoff);
    }

    @Override
    public List<UUID> recordedBefore(Instant cutoff, @Nullable UUID after, int limit) {
        return rows.recordedBefore(cutoff, after, limit);
    }

    @Override
    public Map<UUID, Instant> lock(Collection<UUID> ids) {
        return rows.lock(ids);
    }

    @Override
    public int erase(Collection<UUID> ids) {
        return rows.erase(ids);
    }
}
