package org.charte.common;

/**
 * A table that PostgreSQL partitions by month of Paris on its time (its migration made it so; H2
 * keeps it whole), declared by the module that owns it: {@link MonthPartitions} makes its next
 * months' partitions ahead. Only tables the database's {@code charte_month_partition} accepts.
 */
public interface MonthPartitionedTable {

    /** The partitioned table's name. */
    String table();
}
