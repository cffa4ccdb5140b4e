package org.charte.marketing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.vault.Vault;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The people of the marketing benchmarks, made through the real code as a sign-up form would:
 * {@link Subjects#register} (a prospect with an address, an e-mail and a mobile number), then their
 * consent to a purpose on a channel through {@link MarketingChoices#consent} (decided and audited,
 * as the person themselves). In parallel on virtual threads, fewer than the connection pool holds:
 * with more callers than connections, callers were seen holding every connection while one of them
 * waited for a second (the vault's own keys, loaded on first use in a transaction of their own),
 * until the pool's 30 s timeout. Untimed set-up.
 */
final class ConsentingPeople {

    static final String PURPOSE = "newsletters";

    record Person(UUID id, String email, String phone) {}

    private ConsentingPeople() {}

    static String email(int i) {
        return "bench-" + i + "@example.org";
    }

    /** +33 6 10 00 00 00 + i: a French mobile number per person. */
    static String phone(int i) {
        return String.format(Locale.ROOT, "+336%08d", 10_000_000 + i);
    }

    /** {@code count} people who consented to {@link #PURPOSE} on {@code channel}, in order; prints the rate (threads: fewer than the pool's connections). */
    static List<Person> make(ConfigurableApplicationContext context, int count, MarketingChannel channel, int threads) throws Exception {
        Subjects subjects = context.getBean(Subjects.class);
        MarketingChoices choices = context.getBean(MarketingChoices.class);
        LocalDate today = LocalDate.now(context.getBean(Clock.class).withZone(Zones.PARIS));
        // The vault loads its own keys on first use in a transaction of its own (a second connection): done
        // once here, before 32 callers hold every connection of the pool (they would wait for it forever).
        context.getBean(Vault.class).linkSignature(new byte[1]);
        long start = System.nanoTime();
        List<Future<Person>> futures = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofVirtual().name("bench-people-", 0).factory())) {
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    String email = email(n);
                    String phone = phone(n);
                    UUID id = subjects.register(SubjectStatus.PROSPECT,
                            new PersonalData(new Identity("Mme", "ABONNEE", "Claire", LocalDate.of(1980, 1, 1).plusDays(n % 9000)),
                                    new Contacts(List.of(new PostalAddress(List.of(n + " rue Vauban"), "21000", "Dijon", "FR")), List.of(email),
                                            List.of(phone)), null),
                            today.minusMonths(1));
                    choices.consent(Actor.subject(id), "rights-requests", id,
                            new NewConsent(channel, PURPOSE, Means.FORM, "newsletter-form-v3", "https://www.example.org/inscription"));
                    return new Person(id, email, phone);
                }));
            }
        }
        List<Person> people = new ArrayList<>(count);
        for (Future<Person> f : futures) {
            people.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "set-up: %,d people registered with their %s consent to %s in %.1f s (%.0f/s)%n", count, channel.code(),
                PURPOSE, seconds, count / seconds);
        return people;
    }
}
