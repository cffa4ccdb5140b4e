package org.charte.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.charte.access.StaffDirectory;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.support.CharteIntegrationTest;
import org.charte.support.Http;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
        assertThat(staff.all()).allMatch(s -> s.demo() && s.enrolled());

        assertThat(demo.loadOnce()).as("a second start keeps the data").isFalse();
        assertThat(subjects.countByStatus()).isEqualTo(counts);

        Http http = new Http(port);
        http.signIn("dpo", DemoData.PASSWORD, staff.demoSecret("dpo"));
        assertThat(http.get("/backoffice").body()).contains("Claire Martin").contains("Prospects : 14");
    }
}
