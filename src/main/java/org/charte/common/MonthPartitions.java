package org.charte.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Month partitions on PostgreSQL for the high-volume tables (issue 16: the audit log, the proofs of
 * cookie choices): declarative partitioning managed by Charte rather than an extension
 * (docs/architecture.md). At start and every night, under a ShedLock lock so that one node of a
 * cluster does it, this month's and the next {@link #AHEAD} - 1 months' partitions are made for each
 * {@link MonthPartitionedTable} a module declares; a default partition catches a row whose month has
 * none (a clock moved far ahead), so nothing is ever refused. A month is a month of Paris, the days the
 * law counts in. Dropping a month is for the owning module to decide from its retention rule. On H2
 * (unpartitioned) nothing happens.
 */
@Service
public class MonthPartitions {

    /** Months made ahead: this month and the next two. */
    public static final int AHEAD = 3;

    private static final Logger LOG = LoggerFactory.getLogger(MonthPartitions.class);

    private final JdbcMonthPartitions rows;
    private final Clock clock;
    private final ObjectProvider<MonthPartitionedTable> tables;
    private final ObjectProvider<LockingTaskExecutor> locks;

    MonthPartitions(JdbcMonthPartitions rows, Clock clock, ObjectProvider<MonthPartitionedTable> tables,
            ObjectProvider<LockingTaskExecutor> locks) {
        this.rows = rows;
        this.clock = clock;
        this.tables = tables;
        this.locks = locks;
    }

    /** The first instant of a month of Paris: where its partition starts. */
    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(Zones.PARIS).toInstant();
    }

    /** Whether the tables are partitioned here (PostgreSQL). */
    public boolean partitioned() {
        return rows.postgres();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "${charte.partitions.cron:0 10 0 * * *}", zone = Zones.PARIS_ID)
    void scheduled() {
        if (!rows.postgres()) {
            return;
        }
        locks.getObject().executeWithLock((Runnable) this::ahead,
                new LockConfiguration(ClockProvider.now(), "month-partitions", Duration.ofMinutes(10), Duration.ZERO));
    }

    /** Makes this month's and the next months' partitions of every declared table, those missing. */
    void ahead() {
        YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), Zones.PARIS));
        for (MonthPartitionedTable table : tables.orderedStream().toList()) {
            for (int i = 0; i < AHEAD; i++) {
                try {
                    if (!ensure(table.table(), month.plusMonths(i))) {
                        LOG.warn("{}: the default partition holds rows of {}, which keeps them", table.table(), month.plusMonths(i));
                    }
                } catch (DataAccessException e) {
                    // The default partition takes the month's rows meanwhile; tomorrow's run tries again.
                    LOG.warn("{}: the partition of {} could not be made: {}", table.table(), month.plusMonths(i), e.getMostSpecificCause().getMessage());
                }
            }
        }
    }

    /**
     * PostgreSQL: makes the month's partition of {@code table} unless there. False when the default
     * partition already holds rows of that month (they stay there, and the month gets no partition of
     * its own) or on H2.
     */
    public boolean ensure(String table, YearMonth month) {
        return rows.postgres() && rows.create(table, month);
    }

    /** PostgreSQL: the months {@code table} has a partition of their own for, in order; none on H2. */
    public List<YearMonth> months(String table) {
        return rows.postgres() ? rows.months(table) : List.of();
    }

    /** PostgreSQL: drops the month's partition of {@code table}, in the caller's transaction; how many rows went. */
    public long drop(String table, YearMonth month) {
        if (!rows.postgres()) {
            throw new IllegalStateException("no partitions on this database");
        }
        return rows.drop(table, month);
    }
}
