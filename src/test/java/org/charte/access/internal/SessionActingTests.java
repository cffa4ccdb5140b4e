package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.charte.access.AccessRequest;
import org.charte.access.AccountLockout;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Staff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account a staff session's read brings ({@link SessionActing}): made by the query that reads the
 * session, as the account is at that read, and never stored.
 */
@CharteIntegrationTest
class SessionActingTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    SessionTouchRepository sessions;

    @Autowired
    AccountLockout lockout;

    @Autowired
    JdbcClient jdbc;

    String sessionId(StaffMember member) {
        return jdbc.sql("SELECT session_id FROM spring_session WHERE principal_name = ?").param(member.login()).query(String.class).single();
    }

    StaffAccounts.Acting brought(StaffMember member) {
        return sessions.findById(sessionId(member)).getAttribute(SessionActing.ATTRIBUTE);
    }

    @Test
    @DisplayName("R8.3 R6.1 a staff session's read brings the member's account and grants stamp as they are now, and nothing of it is stored")
    void broughtNotStored() {
        String login = "zoe-" + UUID.randomUUID().toString().substring(0, 8);
        StaffMember created = directory.create(new StaffDirectory.NewStaff(login, "Zoé Ünïcødé-Ñ l'Ærienne 😀", "adv", Staff.PASSWORD));
        Http http = new Http(port);
        Staff staff = new Staff(created, Staff.PASSWORD, http.signInFirstTime(login, Staff.PASSWORD), http);
        assertThat(staff.http().get("/backoffice").statusCode()).isEqualTo(200);

        StaffAccounts.Acting acting = brought(staff.member());
        StaffAccounts.Acting read = accounts.acting(login).orElseThrow();
        assertThat(acting).as("the same as reading the account").isEqualTo(read);
        assertThat(acting.member().displayName()).isEqualTo("Zoé Ünïcødé-Ñ l'Ærienne 😀");
        assertThat(acting.member().enrolled()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session_attributes WHERE attribute_name = ?").param(SessionActing.ATTRIBUTE)
                .query(Long.class).single()).as("never written back").isZero();

        jdbc.sql("UPDATE staff_account SET grants_stamp = 42 WHERE login = ?").param(login).update();
        assertThat(brought(staff.member()).grantsStamp()).as("as the account is at each read").isEqualTo(42);
    }

    @Test
    @DisplayName("L6 R8.3 a disabled member's session brings no account: their next request is refused")
    void disabledBringsNothing() {
        Staff staff = Staff.signedIn(directory, port, "adv");
        assertThat(brought(staff.member())).isNotNull();
        StaffMember dpo = directory.create(new StaffDirectory.NewStaff("dpo-" + UUID.randomUUID().toString().substring(0, 8), "DPO", "dpo",
                Staff.PASSWORD));
        lockout.lockStaff(staff.id(), AccessRequest.Actor.staff(dpo.id()));
        assertThat(brought(staff.member())).isNull();
        assertThat(staff.http().get("/backoffice").headers().firstValue("Location").orElse("")).contains("/backoffice/connexion");
    }

    @Test
    @DisplayName("R8.3 the account's bytes are told from a stored attribute's (Java-serialised) by their first line")
    void toldApart() {
        assertThat(SessionActing.is(new SerializingConverter().convert("charte-acting/1\nx"))).isFalse();
        assertThat(SessionActing.is("charte-acting/1\n".getBytes(StandardCharsets.US_ASCII))).as("no field").isFalse();
        assertThat(SessionActing.is(("charte-acting/1\n" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII))).isTrue();
    }
}
