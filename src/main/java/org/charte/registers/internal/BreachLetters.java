package org.charte.registers.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.marketing.PersonLanguages;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.subjects.Contacts;
import org.charte.subjects.Subjects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the people concerned by a high-risk breach (L6, GDPR Art. 34): exactly those whose data
 * the compromised actor reached in the breach's window, each by e-mail through the outbox, in
 * plain French or English by the language the person chose with us (French when none), each
 * letter audited against the person. What Art. 34(2) asks the letter to say: the nature of the
 * breach, the DPO's contact, the likely consequences, the measures taken or planned. People
 * without an e-mail address are counted for the DPO to reach otherwise. Once per breach.
 */
@Service
class BreachLetters {

    /** What the door out records these letters for (Art. 34): telling the people a breach concerns. */
    static final String BREACH_PURPOSE = "breach-notification";


    /** What was sent. */
    record Sent(int mailed, List<UUID> withoutAddress) {}

    private final BreachRegister register;
    private final JdbcBreaches rows;
    private final Subjects subjects;
    private final ObjectProvider<PersonLanguages> languages;
    private final Outbox outbox;
    private final AuditLog audit;
    private final CurrentPolicy policy;
    private final Clock clock;

    BreachLetters(BreachRegister register, JdbcBreaches rows, Subjects subjects, ObjectProvider<PersonLanguages> languages, Outbox outbox,
            AuditLog audit, CurrentPolicy policy, Clock clock) {
        this.register = register;
        this.rows = rows;
        this.subjects = subjects;
        this.languages = languages;
        this.outbox = outbox;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public Sent tell(Actor dpo, UUID breachId) {
        Breach breach = register.locked(breachId);
        if (breach.risk() != BreachRisk.HIGH) {
            throw new InvalidInputException("risk", "the people are told of a breach assessed as a high risk (GDPR Art. 34(1))");
        }
        if (breach.peopleToldAt() != null) {
            throw new InvalidInputException("peopleToldAt", "the people concerned were already told");
        }
        List<UUID> people = register.peopleConcerned(breachId);
        int mailed = 0;
        List<UUID> withoutAddress = new ArrayList<>();
        PersonLanguages known = languages.getIfAvailable();
        for (UUID person : people) {
            Contacts contacts = subjects.contactsForSending(person);
            if (contacts.emails().isEmpty()) {
                withoutAddress.add(person);
                continue;
            }
            Locale locale = known == null ? Locale.FRENCH : known.of(person).orElse(Locale.FRENCH);
            boolean english = "en".equals(locale.getLanguage());
            outbox.queue(Passage.toPerson(BREACH_PURPOSE, person).by(dpo.typedId()), contacts.emails().getFirst(), english ? "A security incident concerning your personal data"
                    : "Un incident de sécurité concernant vos données personnelles", letter(breach, english));
            audit.append(AuditEvent.allowed(dpo.typedId(), "tell-breach", null, "breach", breachId.toString(), person, List.of("contact")));
            mailed++;
        }
        String how = new BreachTelling(mailed, withoutAddress.size()).code();
        rows.peopleTold(breachId, clock.instant(), how);
        register.step(dpo, breachId, "people-told", how);
        return new Sent(mailed, withoutAddress);
    }

    /** The letter in plain words (Art. 34(2), Art. 12(1)). */
    String letter(Breach breach, boolean english) {
        Policy p = policy.policy();
        String discovered = Days.when(breach.discoveredAt(), Locale.FRENCH);
        if (english) {
            return "Hello,\n\n" + p.controller().name() + " must tell you of a security incident that concerns your personal data. On "
                    + discovered + " (Paris time) we found that " + nature(breach, true)
                    + ". Your data may have been among the data concerned.\n\nWhat may happen to you: " + breach.consequences()
                    + "\n\nWhat we have done: " + breach.measuresTaken() + "\n\nWhat we are going to do: " + breach.measuresPlanned()
                    + "\n\nWe advise you to be wary of unexpected messages that use your name, and never to give a password or bank"
                    + " details in answer to one.\n\nOur data protection officer answers your questions: " + p.dpo().name() + ", "
                    + p.dpo().email() + ", " + p.dpo().address().oneLine() + ". You may also complain to the CNIL: "
                    + p.supervisoryAuthority().complaintUrl() + "\n\n" + p.controller().name() + "\n";
        }
        return "Bonjour,\n\n" + p.controller().name() + " doit vous informer d'un incident de sécurité qui concerne vos données personnelles. Le "
                + discovered + " (heure de Paris), nous avons constaté " + nature(breach, false)
                + ". Vos données peuvent faire partie des données concernées.\n\nCe qui peut en résulter pour vous : " + breach.consequences()
                + "\n\nCe que nous avons fait : " + breach.measuresTaken() + "\n\nCe que nous allons faire : " + breach.measuresPlanned()
                + "\n\nNous vous conseillons de vous méfier des messages inattendus qui utilisent votre nom, et de ne jamais y répondre en"
                + " donnant un mot de passe ou des coordonnées bancaires.\n\nNotre délégué à la protection des données répond à vos questions : "
                + p.dpo().name() + ", " + p.dpo().email() + ", " + p.dpo().address().oneLine()
                + ". Vous pouvez aussi adresser une réclamation à la CNIL : " + p.supervisoryAuthority().complaintUrl() + "\n\n"
                + p.controller().name() + "\n";
    }

    private static String nature(Breach breach, boolean english) {
        List<String> parts = breach.nature().stream().map(n -> switch (n) {
            case CONFIDENTIALITY -> english ? "someone who should not have could see some of our data"
                    : "qu'une personne non autorisée a pu voir une partie de nos données";
            case INTEGRITY -> english ? "some of our data could have been changed" : "qu'une partie de nos données a pu être modifiée";
            case AVAILABILITY -> english ? "some of our data was lost or out of reach for a while"
                    : "qu'une partie de nos données a été perdue ou inaccessible un temps";
        }).toList();
        return String.join(english ? ", and " : ", et ", parts);
    }
}
