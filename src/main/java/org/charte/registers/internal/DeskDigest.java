package org.charte.registers.internal;

import java.time.Duration;
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
import org.charte.policy.Policy;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSeverity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The DPO's weekly digest: the desk's counts, section by section, with the most pressing items and
 * the links to the pages, mailed (through the outbox) to the DPO the policy names, in the language
 * {@code charte.desk.digest-language} says ({@code fr} or {@code en}). Every Monday morning by
 * default ({@code charte.desk.digest-cron}; {@code -} turns it off), on one node of a cluster
 * (ShedLock). Links start with {@code charte.public-url}. Scheduled beans are never lazy: the desk,
 * the outbox and the policy are fetched only when the digest is sent, so a command such as
 * {@code audit verify} starts without them.
 */
@Component
class DeskDigest {

    /** Items listed per section in the mail; the page has them all. */
    static final int ITEMS_PER_SECTION = 10;
    static final String LOCK = "desk-digest";

    private final ObjectProvider<Desk> desk;
    private final ObjectProvider<Outbox> outbox;
    private final ObjectProvider<Policy> policy;
    private final DeskLabels labels;
    private final Environment environment;
    private final ObjectProvider<LockingTaskExecutor> locks;
    private final Locale language;

    DeskDigest(ObjectProvider<Desk> desk, ObjectProvider<Outbox> outbox, ObjectProvider<Policy> policy, DeskLabels labels, Environment environment, ObjectProvider<LockingTaskExecutor> locks,
            @Value("${charte.desk.digest-language:fr}") String language) {
        this.desk = desk;
        this.outbox = outbox;
        this.policy = policy;
        this.labels = labels;
        this.environment = environment;
        this.locks = locks;
        if (!language.equals("fr") && !language.equals("en")) {
            throw new IllegalArgumentException("charte.desk.digest-language must be fr or en");
        }
        this.language = Locale.forLanguageTag(language);
    }

    @Scheduled(cron = "${charte.desk.digest-cron:0 0 8 * * MON}", zone = Zones.PARIS_ID)
    void weekly() {
        // held at least a few minutes: another node whose clock is a little behind does not send it again
        locks.getObject().executeWithLock((Runnable) this::send,
                new LockConfiguration(ClockProvider.now(), LOCK, Duration.ofMinutes(30), Duration.ofMinutes(5)));
    }

    /** Sends the digest now, in the configured language; returns the mail's id in the outbox. */
    UUID send() {
        return send(language);
    }

    UUID send(Locale locale) {
        Desk.View view = desk.getObject().read(locale);
        Policy.Dpo dpo = policy.getObject().dpo();
        String subject = labels.text("desk.digest.subject", locale, labels.date(view.today(), locale), view.count(DeskSeverity.OVERDUE),
                view.count(DeskSeverity.NEAR_DUE), view.count(DeskSeverity.TO_DO));
        List<String> body = new ArrayList<>();
        body.add(labels.text("desk.digest.greeting", locale, dpo.name()));
        body.add(labels.text("desk.digest.intro", locale, labels.date(view.today(), locale)));
        for (Desk.Section section : view.sections()) {
            StringBuilder text = new StringBuilder();
            text.append(labels.text("desk.section." + section.key(), locale)).append(" — ")
                    .append(labels.text("desk.section-counts", locale, section.overdue(), section.nearDue(), section.toDo()));
            if (section.items().isEmpty()) {
                text.append('\n').append(labels.text("desk.section." + section.key() + ".none", locale));
            }
            for (DeskItem item : section.items().stream().limit(ITEMS_PER_SECTION).toList()) {
                text.append("\n- [").append(labels.text("desk.severity." + item.severity().code(), locale)).append("] ").append(item.label());
            }
            if (section.items().size() > ITEMS_PER_SECTION) {
                text.append("\n").append(labels.text("desk.digest.more", locale, section.items().size() - ITEMS_PER_SECTION));
            }
            text.append('\n').append(url(section.link()));
            body.add(text.toString());
        }
        body.add(labels.text("desk.digest.page", locale, url("/backoffice/bureau-dpo" + ("en".equals(locale.getLanguage()) ? "?lang=en" : ""))));
        return outbox.getObject().queue(Passage.toController("accountability", null), dpo.email(), subject, String.join("\n\n", body) + "\n");
    }

    private String url(String path) {
        String base = environment.getProperty("charte.public-url", "").strip();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
