package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.charte.common.MonthPartitions;
import org.charte.common.Zones;
import org.charte.testing.RightsTestBase;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log partitioned by month on PostgreSQL (issue 16): the chain verifies across partitions,
 * the partitions are made ahead, and none of them can be changed or dropped from the application's
 * connection. On H2 (unpartitioned) the same chain verifies the same way.
 */
class AuditPartitionTests extends RightsTestBase {

    @Autowired AuditLog audit;
    @Autowired MonthPartitions partitions;
    @Autowired DataSource dataSource;

    /** Moves the clock to the middle of a month of Paris. */
    void at(YearMonth month) {
        clock.reset();
        clock.advance(Duration.between(clock.instant(), month.atDay(15).atTime(12, 0).atZone(Zones.PARIS).toInstant()));
    }

    static String partition(String table, YearMonth month) {
        return table + "_" + month.getYear() + "m" + "%02d".formatted(month.getMonthValue());
    }

    @Test
    @DisplayName("R6.5 the audit chain verifies across month partitions: one person's entries dated in three months, two with a partition of their own on PostgreSQL and one in the default partition, read back in order and verify as one chain")
    void verifiesAcrossMonths() {
        // Months long past that no other test writes in.
        YearMonth first = YearMonth.from(LocalDate.ofInstant(clock.instant(), Zones.PARIS)).minusMonths(67);
        List<YearMonth> months = List.of(first, first.plusMonths(1), first.plusMonths(2));
        assertThat(partitions.ensure("audit_entry", months.get(0))).isEqualTo(TestDatabase.postgres());
        assertThat(partitions.ensure("audit_entry", months.get(1))).isEqualTo(TestDatabase.postgres());
        UUID subject = UUID.randomUUID();
        List<AuditEntry> entries = new ArrayList<>();
        for (YearMonth month : months) {
            at(month);
            entries.add(audit.append(AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(),
                    subject, List.of("identity"))));
        }
        clock.reset();

        assertThat(entries).extracting(e -> YearMonth.from(LocalDate.ofInstant(e.at(), Zones.PARIS))).containsExactlyElementsOf(months);
        if (TestDatabase.postgres()) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            List<String> where = entries.stream().map(e -> jdbc.sql("SELECT CAST(tableoid::regclass AS TEXT) FROM audit_entry WHERE seq = ?")
                    .param(e.seq()).query(String.class).single()).toList();
            assertThat(where).containsExactly(partition("audit_entry", months.get(0)), partition("audit_entry", months.get(1)), "audit_entry_default");
        }
        assertThat(audit.forSubject(subject, 10)).containsExactlyElementsOf(entries.reversed());
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as("%s", verification).isTrue();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(entries.getLast().seq());
    }

    @Test
    @DisplayName("R6.5 on PostgreSQL this month's and the next two months' audit partitions are made at start; a partition is as append-only as its table and the application's role can neither change nor drop one")
    void partitionsAheadAndGuarded() {
        if (!TestDatabase.postgres()) {
            assertThat(partitions.months("audit_entry")).as("H2 keeps the log whole").isEmpty();
            return;
        }
        YearMonth now = YearMonth.from(LocalDate.ofInstant(clock.instant(), Zones.PARIS));
        assertThat(partitions.months("audit_entry")).contains(now, now.plusMonths(1), now.plusMonths(2));
        assertThat(partitions.months("consent_record")).contains(now, now.plusMonths(1), now.plusMonths(2));
        JdbcClient sql = JdbcClient.create(dataSource);
        String current = partition("audit_entry", now);
        assertThat(sql.sql("SELECT current_user").query(String.class).single()).isEqualTo(TestDatabase.APPLICATION);
        for (String table : List.of(current, "audit_entry_default")) {
            assertThat(sql.sql("SELECT has_table_privilege(?, 'UPDATE') OR has_table_privilege(?, 'DELETE') OR has_table_privilege(?, 'TRUNCATE')")
                    .params(table, table, table).query(Boolean.class).single()).as(table).isFalse();
            assertThat(sql.sql("SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = CAST(? AS regclass) AND NOT tgisinternal AND tgenabled = 'O'")
                    .param(table).query(Long.class).single()).as("%s: the row guard and the TRUNCATE guard", table).isEqualTo(2);
        }
        AuditEntry entry = audit.append(AuditEvent.allowed("system", "read", null, "audit-log", null, null, List.of()));
        for (String statement : List.of("UPDATE " + current + " SET action = 'write' WHERE seq = " + entry.seq(), "DELETE FROM " + current,
                "TRUNCATE TABLE " + current, "DROP TABLE " + current, "ALTER TABLE audit_entry DETACH PARTITION " + current,
                "SELECT charte_month_partition('audit_entry', DATE '" + now.atDay(1) + "', TRUE)")) {
            assertThatThrownBy(() -> sql.sql(statement).query().listOfRows()).as(statement).rootCause()
                    .hasMessageMatching("(?s).*(must be owner|permission denied|append-only).*");
        }
        assertThat(sql.sql("SELECT COUNT(*) FROM audit_entry WHERE seq = ?").param(entry.seq()).query(Long.class).single()).isOne();
        assertThat(partitions.months("audit_entry")).contains(now);
    }
}
