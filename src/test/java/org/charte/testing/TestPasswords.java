package org.charte.testing;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The test contexts' password hashing: Argon2id still, with 1 MiB of memory and one pass instead of the application's
 * 19 MiB and two ({@code PasswordConfigurationTests} proves those). The suite hashes or checks a password some 2,500
 * times (every member of staff a test creates and signs in, every client account), each costing a tenth of a second of
 * CPU at the application's cost: about a sixth of the whole suite's CPU, for a strength no test looks at. A hash made
 * at either cost is checked by either encoder (Argon2id's parameters travel in the hash). {@link TestDatabase} adds it
 * to every context it gives a database to.
 */
final class TestPasswords implements BeanPostProcessor {

    static final TestPasswords INSTANCE = new TestPasswords();

    private TestPasswords() {}

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof Argon2PasswordEncoder ? quick() : bean;
    }

    static PasswordEncoder quick() {
        return new Argon2PasswordEncoder(16, 32, 1, 1024, 1);
    }
}
