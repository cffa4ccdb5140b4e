package org.charte.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTests {

    @Test
    @DisplayName("R8.5 a database error is described by its constraint or column name, never by the values the driver quotes")
    void namesWithoutValues() {
        String h2TooLong = "Value too long for column \"DISPLAY_NAME CHARACTER VARYING(200)\": \"'Camille Dupont ...' (600000)\"; SQL statement:";
        assertThat(DatabaseErrors.name(h2TooLong)).isEqualTo("column DISPLAY_NAME");
        String h2Unique = "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_INDEX_5 ON PUBLIC.STAFF_ACCOUNT(LOGIN NULLS FIRST) "
                + "VALUES ( /* 1 */ 'camille.dupont' )\"";
        assertThat(DatabaseErrors.name(h2Unique)).isEqualTo("constraint PUBLIC.CONSTRAINT_INDEX_5");
        String pgUnique = "ERROR: duplicate key value violates unique constraint \"staff_account_login_key\"\n"
                + "  Detail: Key (login)=(camille.dupont) already exists.";
        assertThat(DatabaseErrors.name(pgUnique)).isEqualTo("constraint staff_account_login_key");
        assertThat(DatabaseErrors.name("ERROR: value too long for type character varying(200)")).isNull();
        for (String message : List.of(h2TooLong, h2Unique, pgUnique)) {
            assertThat(String.valueOf(DatabaseErrors.name(message))).doesNotContain("Camille", "camille", "dupont");
        }
    }
}
