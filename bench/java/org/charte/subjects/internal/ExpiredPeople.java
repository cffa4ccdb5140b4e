package org.charte.subjects.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.charte.subjects.SubjectStatus;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * For the {@code retention} benchmark: fictitious people made up and sealed by the bulk path of
 * {@code charte generate} ({@link JdbcSyntheticSubjects}), but all of them past their retention
 * limit on {@code today}: prospects whose last contact is over 3 years old, inactive clients whose
 * last contract ended over 10 years ago (so that no archive obligation covers their records
 * any more). Writes in the caller's transaction.
 */
public final class ExpiredPeople {

    /** A person written, with what the commerce and support generators need. */
    public record Expired(UUID id, SubjectStatus status, LocalDate lastContactOn, @Nullable LocalDate clientSince,
            @Nullable LocalDate contractEndedOn, Vault.SubjectKey key) {}

    private final JdbcSyntheticSubjects synthetic;
    private final Vault vault;

    public ExpiredPeople(ApplicationContext context) {
        this.synthetic = context.getBean(JdbcSyntheticSubjects.class);
        this.vault = context.getBean(Vault.class);
    }

    /** {@code count} people, {@code prospectPercent} % of them prospects, the others inactive clients. */
    public List<Expired> write(Random random, int count, LocalDate today, int prospectPercent) {
        List<JdbcSyntheticSubjects.Person> made = synthetic.makeUp(random, count);
        List<JdbcSyntheticSubjects.Person> people = new ArrayList<>(count);
        for (JdbcSyntheticSubjects.Person p : made) {
            if (random.nextInt(100) < prospectPercent) {
                LocalDate lastContact = today.minusYears(3).minusDays(2 + random.nextInt(4 * 365));
                people.add(new JdbcSyntheticSubjects.Person(p.id(), SubjectStatus.PROSPECT, lastContact, null, null, p.identity(), p.contacts()));
            } else {
                LocalDate ended = today.minusYears(10).minusDays(2 + random.nextInt(3 * 365));
                LocalDate since = ended.minusDays(30 + random.nextInt(6 * 365));
                people.add(new JdbcSyntheticSubjects.Person(p.id(), SubjectStatus.CLIENT_INACTIVE, ended, since, ended, p.identity(), p.contacts()));
            }
        }
        List<Vault.SubjectKey> keys = new ArrayList<>(people.size());
        for (JdbcSyntheticSubjects.Person person : people) {
            keys.add(vault.newKey(person.id()));
        }
        vault.storeKeys(keys);
        synthetic.write(people, keys, "");
        List<Expired> written = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            JdbcSyntheticSubjects.Person p = people.get(i);
            written.add(new Expired(p.id(), p.status(), p.lastContactOn(), p.clientSince(), p.contractEndedOn(), keys.get(i)));
        }
        return written;
    }
}
