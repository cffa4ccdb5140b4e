package org.charte.commerce.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The Gestan Cloud plans one may subscribe to, with their yearly price in euros: the one list
 * both subscriptions (an unknown code is refused, R8.5) and the synthetic data generator read. A
 * subscription opens a hosted database; only a plan that exists may do so.
 */
final class Plans {

    public record Plan(String code, BigDecimal yearly) {}

    public static final List<Plan> ALL = List.of(
            new Plan("GESTAN-CLOUD-ESSENTIEL", new BigDecimal("228.00")),
            new Plan("GESTAN-CLOUD-PRO", new BigDecimal("540.00")),
            new Plan("GESTAN-CLOUD-SAUVEGARDE", new BigDecimal("96.00")));

    private Plans() {}

    public static Optional<Plan> find(String code) {
        return ALL.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The codes, for messages: "one of GESTAN-CLOUD-ESSENTIEL, ...". */
    public static String codes() {
        return String.join(", ", ALL.stream().map(Plan::code).toList());
    }
}
