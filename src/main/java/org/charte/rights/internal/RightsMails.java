package org.charte.rights.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.charte.common.Zones;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The mails of a rights request, in the person's language, each ending with who the controller
 * and the DPO are (R2.1) and the person's right to complain to the CNIL (R9.8). They go through the
 * outbox, in the caller's transaction, through the door out (R1.4) as the person's own.
 */
@Component
class RightsMails {

    private final Outbox outbox;
    private final MessageSource messages;
    private final Policy policy;
    private final Clock clock;

    /** The kinds of mail that answer a request: a late one says so first (R9.7). */
    static final Set<String> ANSWERS = Set.of("answer", "refusal", "no-data");

    RightsMails(Outbox outbox, MessageSource messages, Policy policy, Clock clock) {
        this.outbox = outbox;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    static Locale locale(RightsRequest request) {
        return "en".equals(request.language()) ? Locale.ENGLISH : Locale.FRENCH;
    }

    String date(LocalDate day, Locale locale) {
        return DateTimeFormatter.ofPattern("en".equals(locale.getLanguage()) ? "d MMMM yyyy" : "d MMMM yyyy", locale).format(day);
    }

    /** Sends a mail whose subject is {@code rights.mail.<kind>.subject} and whose body is the given paragraphs. */
    void send(String to, RightsRequest request, String kind, List<String> paragraphs) {
        send(to, request, kind, paragraphs, new Object[0]);
    }

    /** As {@link #send(String, RightsRequest, String, List)}, the subject taking {@code subjectArgs} after the reference ({1}, {2}, ...). */
    void send(String to, RightsRequest request, String kind, List<String> paragraphs, Object... subjectArgs) {
        Locale locale = locale(request);
        Object[] args = new Object[subjectArgs.length + 1];
        args[0] = request.reference();
        System.arraycopy(subjectArgs, 0, args, 1, subjectArgs.length);
        String subject = messages.getMessage("rights.mail." + kind + ".subject", args, locale);
        List<String> body = new ArrayList<>();
        body.add(messages.getMessage("rights.mail.greeting", null, locale));
        if (ANSWERS.contains(kind)) {
            late(request, locale).ifPresent(body::add);
        }
        body.addAll(paragraphs);
        body.add(footer(locale, request));
        // to the claimant (the person, or who the request's checks let act for them) or the trusted person their directives name
        outbox.queue(Passage.toPerson(PersonalFiles.PURPOSE, request.subjectId()), to, subject, String.join("\n\n", body) + "\n");
    }

    /**
     * For an answer sent after the due date (the request's {@link RequestClock}): how late, the day it
     * was due, and whether the deadline had been extended (with the day of the notice that gave the
     * reasons) or not. Empty when on time.
     */
    Optional<String> late(RightsRequest request, Locale locale) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.PARIS);
        long days = request.clock().daysLate(today);
        if (days == 0) {
            return Optional.empty();
        }
        String due = date(request.clock().dueOn(today), locale);
        LocalDate extendedOn = request.clock().extendedOn();
        return Optional.of(extendedOn == null ? text("rights.mail.late", locale, days, due)
                : text("rights.mail.late.extended", locale, days, due, date(extendedOn, locale)));
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    /** A purpose of the policy by its label in the person's language; its code when the policy has no such purpose. */
    String purpose(String code, Locale locale) {
        return policy.purpose(code).map(p -> new PolicyView(policy, locale).t(p.label())).orElse(code);
    }

    /** Controller, DPO, and the right to complain to the CNIL, with its address: in every answer. */
    String footer(Locale locale, RightsRequest request) {
        Policy.Controller controller = policy.controller();
        Policy.Dpo dpo = policy.dpo();
        Policy.Authority cnil = policy.supervisoryAuthority();
        return String.join("\n",
                "--",
                text("rights.mail.reference", locale, request.reference()),
                text("rights.mail.controller", locale, controller.name(), controller.address().oneLine(), controller.siret(), controller.rcs()),
                text("rights.mail.dpo", locale, dpo.name(), dpo.email(), dpo.address().oneLine()),
                text("rights.mail.cnil", locale, cnil.name(), cnil.address().oneLine(), cnil.complaintUrl()));
    }
}
