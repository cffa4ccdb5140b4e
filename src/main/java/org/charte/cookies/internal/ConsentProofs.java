package org.charte.cookies.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.MonthPartitions;
import org.charte.cookies.ConsentProofRetention;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The proofs of cookie choices as the retention run sees them (R5.4): rows by date, locked, erased; months of them dropped on PostgreSQL. */
@Service
class ConsentProofs implements ConsentProofRetention {

    private final JdbcConsentRecords rows;
    private final MonthPartitions partitions;

    ConsentProofs(JdbcConsentRecords rows, MonthPartitions partitions) {
        this.rows = rows;
        this.partitions = partitions;
    }

    @Override
    public long countRecordedBefore(Instant cutoff, Collection<YearMonth> except) {
        return rows.countRecordedBefore(cutoff, except);
    }

    @Override
    public List<UUID> recordedBefore(Instant cutoff, Collection<YearMonth> except, @Nullable UUID after, int limit) {
        return rows.recordedBefore(cutoff, except, after, limit);
    }

    @Override
    public Map<UUID, Instant> lock(Collection<UUID> ids) {
        return rows.lock(ids);
    }

    @Override
    public int erase(Collection<UUID> ids) {
        return rows.erase(ids);
    }

    @Override
    public List<YearMonth> partitionedMonths() {
        return partitions.months(ConsentProofPartitions.TABLE);
    }

    @Override
    public long dropMonth(YearMonth month) {
        return partitions.drop(ConsentProofPartitions.TABLE, month);
    }
}
