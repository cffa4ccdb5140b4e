package org.charte.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.access.Totp;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@CharteIntegrationTest
@ActiveProfiles("demo")
class DemoDataTests {

    @Autowired
    DemoData demo;

    @Autowired
    Subjects subjects;

    @Autowired
    StaffDirectory staff;

    @LocalServerPort
    int port;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${charte.data-dir}")
    String dataDir;

    @Autowired
    Grants grants;

    @Test
    @DisplayName("R8.3 './charte totp LOGIN' prints the current code of a demo account and refuses any other")
    void totpCommand() {
        staff.create(new StaffDirectory.NewStaff("not-demo", "Real Person", "adv", "a long enough password"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CharteCommand.run(new String[] {"totp", "adv", "--data-dir", dataDir, "--database-url", TestDatabase.withApplicationLogin(databaseUrl)},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString().strip();
        assertThat(printed).matches("\\d{6}");
        long step = Totp.step(Instant.now());
        byte[] secret = Totp.fromBase32(staff.demoSecret("adv"));
        assertThat(List.of(Totp.code(secret, step), Totp.code(secret, step - 1))).contains(printed);

        StringWriter refusedErr = new StringWriter();
        int refused = CharteCommand.run(new String[] {"totp", "not-demo", "--data-dir", dataDir, "--database-url", TestDatabase.withApplicationLogin(databaseUrl)},
                new PrintWriter(new StringWriter(), true), new PrintWriter(refusedErr, true));
        assertThat(refused).isEqualTo(1);
        assertThat(refusedErr.toString()).contains("codes are only shown for demo accounts");
    }

    @Test
    @DisplayName("R8.4 the demo loads fictitious prospects, clients and staff once, and keeps them on the next start")
    void loadedOnceAndKept() {
        // The application-ready event of this context has loaded the data already.
        Map<SubjectStatus, Long> counts = subjects.countByStatus();
        assertThat(counts.get(SubjectStatus.PROSPECT)).isEqualTo(14);
        assertThat(counts.get(SubjectStatus.CLIENT_ACTIVE)).isEqualTo(16);
        assertThat(counts.get(SubjectStatus.CLIENT_INACTIVE)).isEqualTo(8);
        assertThat(staff.all()).extracting(s -> s.role()).contains("dpo", "adv", "cloud-support", "development", "administrator",
                "support-subcontractor", "security-monitoring-subcontractor");
        assertThat(DemoData.STAFF).allSatisfy(s -> assertThat(staff.find(s[0])).hasValueSatisfying(m ->
                assertThat(m.demo() && m.enrolled()).as(s[0]).isTrue()));

        assertThat(grants.forGrantee(staff.find("adv").orElseThrow().id())).isNotEmpty();
        assertThat(demo.loadOnce()).as("a second start keeps the data").isFalse();
        assertThat(subjects.countByStatus()).isEqualTo(counts);

        Http http = new Http(port);
        http.signIn("dpo", DemoData.PASSWORD, staff.demoSecret("dpo"));
        assertThat(http.get("/backoffice").body()).contains("Claire Martin").contains("Prospects : 14");
    }
}
