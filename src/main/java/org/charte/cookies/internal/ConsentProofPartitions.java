package org.charte.cookies.internal;

import org.charte.common.MonthPartitionedTable;
import org.springframework.stereotype.Component;

/**
 * L3: on PostgreSQL the proofs of cookie choices are partitioned by month (V48), each with its
 * choices in its row (V53), made ahead by {@code MonthPartitions} and dropped by the retention run
 * once the month is wholly due.
 */
@Component
class ConsentProofPartitions implements MonthPartitionedTable {

    static final String TABLE = "consent_record";

    @Override
    public String table() {
        return TABLE;
    }
}
