package org.charte.audit.internal;

import org.charte.common.MonthPartitionedTable;
import org.springframework.stereotype.Component;

/**
 * R6.5: on PostgreSQL the audit log is partitioned by month of its entries' time (V48), so that it
 * grows a month at a time; its partitions are made ahead and never dropped (no rule of the policy
 * erases the log, and the database refuses it). Verification reads the chain across them in seq order.
 */
@Component
class AuditPartitions implements MonthPartitionedTable {

    @Override
    public String table() {
        return "audit_entry";
    }
}
