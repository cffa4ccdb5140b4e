package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.common.MonthPartitions;
import org.charte.common.Zones;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionRuns.Report;
import org.charte.retention.RetentionRuns.Request;
import org.charte.retention.RetentionRuns.Trigger;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The proofs of cookie choices partitioned by month on PostgreSQL (issue 16): a month wholly past the rule goes whole. */
class ConsentProofPartitionTests extends RightsTestBase {

    @Autowired JdbcClient jdbc;
    @Autowired RetentionRuns runs;
    @Autowired MonthPartitions partitions;

    long tables(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?").param(name).query(Long.class).single();
    }

    static String partition(String table, YearMonth month) {
        return table + "_" + month.getYear() + "m" + "%02d".formatted(month.getMonthValue());
    }

    @Test
    @DisplayName("R5.4 L3 on PostgreSQL a month of proofs of cookie choices whose every day is past the cookie-choices rule goes whole: its partition of proofs (their choices in their rows) is dropped, with one proof of erasure for the month; younger proofs stay")
    void wholeMonthDropped() {
        assumeTrue(TestDatabase.postgres(), "partitions are PostgreSQL's; on H2 the proofs go one by one (ConsentRecordsTests)");
        Http anonymous = new Http(port);
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(anonymous.get("/consent/v1/consent.js").body());
        assertThat(v.find()).isTrue();
        YearMonth old = YearMonth.from(LocalDate.ofInstant(clock.instant(), Zones.PARIS)).minusMonths(19);
        assertThat(partitions.ensure("consent_record", old)).as("a month no other test writes in").isTrue();
        clock.advance(Duration.between(clock.instant(), old.atDay(10).atTime(9, 0).atZone(Zones.PARIS).toInstant()));
        UUID oldConsent = UUID.randomUUID();
        HttpResponse<String> created = anonymous.raw("POST", "/consent/v1/records", "application/json",
                ConsentRecordsTests.choice(oldConsent, v.group(1), "banner", true, false).getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        clock.reset();
        UUID recent = UUID.randomUUID();
        created = anonymous.raw("POST", "/consent/v1/records", "application/json",
                ConsentRecordsTests.choice(recent, v.group(1), "banner", false, false).getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT choices FROM " + partition("consent_record", old)).query(String.class).single())
                .as("the choices live in their proof's row (V53)").contains("\"audience\":true");
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.PARIS);
        UUID monthId = new UUID(0L, Long.parseLong("%04d%02d".formatted(old.getYear(), old.getMonthValue()), 16));

        Report dry = runs.run(new Request(today, true, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        assertThat(dry.rules()).filteredOn(r -> r.ruleId().equals("personalisation-cookies")).singleElement()
                .satisfies(r -> assertThat(r.erased()).isGreaterThanOrEqualTo(1));
        assertThat(tables(partition("consent_record", old))).as("a dry run drops nothing").isOne();

        Report run = runs.run(new Request(today, false, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        assertThat(tables(partition("consent_record", old))).isZero();
        assertThat(tables("consent_choice")).as("no table of choices beside the proofs (V53)").isZero();
        assertThat(anonymous.get("/consent/v1/records/" + oldConsent).statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/consent/v1/records/" + recent).statusCode()).as("a proof of today stays").isEqualTo(200);
        assertThat(runs.proofs(run.id(), 10_000)).anySatisfy(p -> {
            assertThat(p.ruleId()).isEqualTo("personalisation-cookies");
            assertThat(p.recordType()).isEqualTo("consent-record-month");
            assertThat(p.recordHash()).isEqualTo(runs.proofHash(monthId));
        });
        assertThat(partitions.months("consent_record")).doesNotContain(old).contains(YearMonth.from(today));
    }
}
