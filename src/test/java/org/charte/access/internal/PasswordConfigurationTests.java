package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The application's password hashing, as production runs it (the test contexts hash at a lower cost: {@code TestPasswords}). */
class PasswordConfigurationTests {

    @Test
    @DisplayName("R8.3 passwords are hashed with Argon2id at OWASP's minimum (19 MiB of memory, 2 passes, 1 lane), a random salt each")
    void argon2idAtOwaspMinimum() {
        PasswordEncoder encoder = new PasswordConfiguration().passwordEncoder();
        String hash = encoder.encode("a long enough password");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(encoder.encode("a long enough password")).isNotEqualTo(hash);
        assertThat(encoder.matches("a long enough password", hash)).isTrue();
        assertThat(encoder.matches("a long enough passwore", hash)).isFalse();
    }
}
