package org.charte.registers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.Zones;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.marketing.PersonLanguages;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.policy.PolicyChangeNotice;
import org.charte.policy.PolicyVersion;
import org.charte.subjects.Contacts;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells active clients of a material change of the policy before it applies (L10, GDPR Art. 12-14):
 * while the version in force has changes marked material and its effective date is still to come
 * ({@link PolicyChangeNotice}), each active client gets one e-mail, in French or English by the
 * language they chose with us, with the date and a link to the page of the changes. Once per
 * version per person: a row of {@code policy_change_notice} is written in the mail's own
 * transaction and its primary key refuses a second (another node, a restart). Each mail passes the
 * door out, which audits it against the person (purpose {@value #PURPOSE}, never content). People
 * without an e-mail address are recorded too, counted in the log for the DPO to reach otherwise.
 * Hourly (five past the hour, {@code charte.policy.notice-cron}, "-" turns it off), under a ShedLock lock. A version loaded less than the notice period before its effective
 * date is reported at each run (and by the lint as L10): its notice comes late.
 */
@Component
class PolicyChangeNotices {

    /** What the door out records these mails for. */
    static final String PURPOSE = "policy-change-notice";
    private static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(PolicyChangeNotices.class);
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** What one run did. */
    record Run(int mailed, int withoutAddress) {}

    // Scheduled beans are made at start even in the command line's lazy context: what needs the vault
    // or the policy is fetched when the check runs.
    private final ObjectProvider<CurrentPolicy> policy;
    private final ObjectProvider<Subjects> subjects;
    private final ObjectProvider<Outbox> outbox;
    private final ObjectProvider<PersonLanguages> languages;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Environment environment;
    private final Clock clock;
    private final ObjectProvider<LockingTaskExecutor> locks;
    private final Period period;

    PolicyChangeNotices(ObjectProvider<CurrentPolicy> policy, ObjectProvider<Subjects> subjects, ObjectProvider<Outbox> outbox,
            ObjectProvider<PersonLanguages> languages, JdbcClient jdbc, TransactionTemplate transactions, Environment environment,
            Clock clock, ObjectProvider<LockingTaskExecutor> locks,
            @Value("${charte.policy.notice-period:P30D}") Period period) {
        this.policy = policy;
        this.subjects = subjects;
        this.outbox = outbox;
        this.languages = languages;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.environment = environment;
        this.clock = clock;
        this.locks = locks;
        this.period = period;
    }

    @Scheduled(cron = "${charte.policy.notice-cron:0 5 * * * *}", zone = Zones.PARIS_ID)
    void scheduled() {
        locks.getObject().executeWithLock((Runnable) this::send,
                new LockConfiguration(ClockProvider.now(), "policy-change-notices", Duration.ofMinutes(30), Duration.ofSeconds(30)));
    }

    /** Tells every active client not yet told of the version in force, if a notice is due today. */
    Run send() {
        CurrentPolicy current = policy.getObject();
        PolicyVersion version = current.version();
        PolicyChangeNotice notice = PolicyChangeNotice.of(current.policy(), period);
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        if (!notice.dueOn(today)) {
            return new Run(0, 0);
        }
        LocalDate firstKnown = version.firstLoaded().atZone(Zones.PARIS).toLocalDate();
        if (notice.tooLate(firstKnown)) {
            LOG.warn("policy version {} takes effect on {}, less than {} after it was first loaded on {}: its notice to active clients comes late (L10)",
                    version.label(), version.effectiveDate(), period, firstKnown);
        }
        String base = environment.getProperty("charte.public-url", "").strip();
        if (base.isEmpty()) {
            LOG.warn("policy version {} changes materially but charte.public-url is not set: no notice can link to its changes (L10)", version.label());
            return new Run(0, 0);
        }
        UUID previous = previousVersion(current, version);
        int mailed = 0;
        int withoutAddress = 0;
        UUID after = null;
        while (true) {
            List<UUID> batch = subjects.getObject().withStatus(SubjectStatus.CLIENT_ACTIVE, after, BATCH);
            for (UUID person : batch) {
                Boolean sent = tell(current.policy(), version, previous, person, base);
                if (sent == null) {
                    continue;
                }
                if (sent) {
                    mailed++;
                } else {
                    withoutAddress++;
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.getLast();
        }
        if (mailed + withoutAddress > 0) {
            LOG.info("policy version {}: {} active client(s) told of its material changes by e-mail, {} without an e-mail address (L10)",
                    version.label(), mailed, withoutAddress);
        }
        return new Run(mailed, withoutAddress);
    }

    /** True: mailed; false: recorded without an address; null: already told. */
    private Boolean tell(Policy text, PolicyVersion version, UUID previous, UUID person, String base) {
        try {
            return transactions.execute(status -> {
                if (told(version.id(), person)) {
                    return null;
                }
                Contacts contacts = subjects.getObject().contactsForSending(person);
                boolean mail = !contacts.emails().isEmpty();
                jdbc.sql("INSERT INTO policy_change_notice (policy_version_id, subject_id, noticed_at, mailed) VALUES (?, ?, ?, ?)")
                        .params(version.id(), person, clock.instant().atOffset(ZoneOffset.UTC), mail).update();
                if (mail) {
                    PersonLanguages known = languages.getIfAvailable();
                    boolean english = known != null && known.of(person).map(l -> "en".equals(l.getLanguage())).orElse(false);
                    outbox.getObject().queue(Passage.toPerson(PURPOSE, person), contacts.emails().getFirst(), subject(text, english),
                            body(text, version, previous, base, english));
                }
                return mail;
            });
        } catch (DuplicateKeyException e) {
            return null; // another node told them first
        }
    }

    private boolean told(UUID version, UUID person) {
        return jdbc.sql("SELECT COUNT(*) FROM policy_change_notice WHERE policy_version_id = ? AND subject_id = ?")
                .params(version, person).query(Integer.class).single() > 0;
    }

    /** The version the changes page compares with: the version the file says it changes, as stored, else the one listed after it. */
    private static UUID previousVersion(CurrentPolicy current, PolicyVersion version) {
        Policy.Changes changes = current.policy().changes();
        List<PolicyVersion> versions = current.versions();
        if (changes != null) {
            for (PolicyVersion v : versions) {
                if (v.label().equals(changes.from()) && !v.id().equals(version.id())) {
                    return v.id();
                }
            }
        }
        for (int i = 0; i + 1 < versions.size(); i++) {
            if (versions.get(i).id().equals(version.id())) {
                return versions.get(i + 1).id();
            }
        }
        return version.id();
    }

    static String subject(Policy text, boolean english) {
        return english ? "Our privacy policy is changing" : "Notre politique de confidentialité évolue";
    }

    static String body(Policy text, PolicyVersion version, UUID previous, String base, boolean english) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String link = root + (english ? "/en/privacy-policy/versions/compare?from=" + previous + "&to=" + version.id()
                : "/politique-de-confidentialite/versions/comparer?de=" + previous + "&a=" + version.id());
        String date = (english ? ENGLISH_DATE : FRENCH_DATE).format(version.effectiveDate());
        String controller = text.controller().name();
        List<String> changes = new ArrayList<>();
        Policy.Changes declared = text.changes();
        if (declared != null) {
            for (Policy.Change change : declared.items()) {
                if (change.material()) {
                    changes.add("- " + (english ? change.summary().en() : change.summary().fr()));
                }
            }
        }
        if (english) {
            return "Hello,\n\n" + controller + " is updating its privacy policy. Version " + version.label() + " takes effect on " + date
                    + "; until then, the current version still applies.\n\nThe main changes:\n" + String.join("\n", changes)
                    + "\n\nEvery change, clause by clause, with its reason: " + link
                    + "\n\nYou have nothing to do. If you have a question, our data protection officer answers at " + text.dpo().email()
                    + ".\n\n" + controller + "\n";
        }
        return "Bonjour,\n\n" + controller + " met à jour sa politique de confidentialité. La version " + version.label()
                + " entre en vigueur le " + date + " ; d'ici là, la version actuelle continue de s'appliquer.\n\nLes principaux changements :\n"
                + String.join("\n", changes) + "\n\nChaque changement, clause par clause, avec sa raison : " + link
                + "\n\nVous n'avez rien à faire. Pour toute question, notre délégué à la protection des données vous répond à "
                + text.dpo().email() + ".\n\n" + controller + "\n";
    }
}
