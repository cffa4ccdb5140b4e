package org.charte.common;

import java.time.YearMonth;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** PostgreSQL's month partitions, made and dropped by the owner's function {@code charte_month_partition} (V48). SQL only. */
@Repository
class JdbcMonthPartitions {

    private final JdbcClient jdbc;
    private final boolean postgres;

    JdbcMonthPartitions(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = Databases.postgres(dataSource, "the partitioned tables");
    }

    boolean postgres() {
        return postgres;
    }

    /** Makes the month's partition unless there; false when the default partition holds rows of that month (they stay there). */
    boolean create(String table, YearMonth month) {
        return jdbc.sql("SELECT charte_month_partition(?, ?, FALSE)").params(table, month.atDay(1)).query(Long.class).single() >= 0;
    }

    /** Drops the month's partition (the function refuses the audit log's); how many rows it held. */
    long drop(String table, YearMonth month) {
        return jdbc.sql("SELECT charte_month_partition(?, ?, TRUE)").params(table, month.atDay(1)).query(Long.class).single();
    }

    /** The months {@code table} has a partition of their own for (its default partition aside), in order. */
    List<YearMonth> months(String table) {
        return jdbc.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = CAST(? AS regclass)")
                .param(table).query(String.class).list().stream()
                .map(name -> name.substring(table.length() + 1))
                .filter(m -> m.matches("\\d{4}m\\d{2}"))
                .map(m -> YearMonth.of(Integer.parseInt(m.substring(0, 4)), Integer.parseInt(m.substring(5))))
                .sorted().toList();
    }
}
