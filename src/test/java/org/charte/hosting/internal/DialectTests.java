package org.charte.hosting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DialectTests {

    @Test
    @DisplayName("R3.3 hosted database names derive from the id only, and nothing else is ever quoted into DDL")
    void names() {
        UUID id = UUID.fromString("0190a5e2-7c3b-7def-8abc-0123456789ab");
        assertThat(Dialect.POSTGRESQL.nameFor(id)).isEqualTo("hd_0190a5e27c3b7def8abc0123456789ab");
        assertThat(Dialect.H2.nameFor(id)).isEqualTo("HD_0190A5E27C3B7DEF8ABC0123456789AB");
        assertThat(Dialect.quote("hd_0190a5e27c3b7def8abc0123456789ab")).isEqualTo("\"hd_0190a5e27c3b7def8abc0123456789ab\"");
        assertThatThrownBy(() -> Dialect.quote("x\"; DROP TABLE audit_entry; --")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Dialect.quoteAny("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    @DisplayName("R3.3 PostgreSQL gets a SCRAM-SHA-256 verifier, never the password itself")
    void scram() {
        String verifier = Dialect.scramSha256("s3cret-password");
        assertThat(verifier).matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}").doesNotContain("s3cret");
        assertThat(Dialect.scramSha256("s3cret-password")).as("salted").isNotEqualTo(verifier);
    }

    @Test
    @DisplayName("R3.3 the URL handed to a client never carries the platform's login")
    void clientUrl() {
        assertThat(Stores.withoutCredentials("jdbc:postgresql://db:5432/charte?user=postgres&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/charte?ssl=true");
        assertThat(Stores.withoutCredentials("jdbc:postgresql://db:5432/charte?user=postgres")).isEqualTo("jdbc:postgresql://db:5432/charte");
        assertThat(Stores.withoutCredentials("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=p")).isEqualTo("jdbc:h2:mem:x;IFEXISTS=TRUE");
        assertThat(Stores.withoutCredentials("jdbc:h2:file:./data/charte;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:file:./data/charte;AUTO_SERVER=TRUE;IFEXISTS=TRUE");
    }
}
