package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.retention.Erasures;
import org.charte.subjects.Identity;
import org.charte.rights.RequestChannel;
import org.charte.rights.RequestStatus;
import org.charte.rights.RequestType;
import org.charte.rights.RightsRequest;
import org.charte.rights.RightsRequests.Claimant;
import org.charte.subjects.DeathNotified;
import org.charte.subjects.PostMortem;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A death notified (R9.4). Anyone's word is not enough for what cannot be undone: the notification
 * opens a check of its evidence ({@link DeathChecks}), and only once the DPO has confirmed the death
 * does the rights module carry out the person's directives, the pending actions the subjects module
 * opened, in their order, in one transaction after the confirmation committed (the event registry
 * retries it if this fails):
 * <ul>
 * <li>communication to the trusted person: a post-mortem request on their behalf (channel
 * {@code api}: the death was recorded by staff), answered with the deceased's access report through
 * single-use links to the trusted person's e-mail (or left for the DPO to post), in the language the
 * directives were left in, the mail naming the deceased and titled for what it is;</li>
 * <li>erasure: through the retention module's erasure path, holds and obligations keeping what
 * they cover; recorded in the audit log under the person's id as ordered by the DPO who confirmed the
 * death, and in that request's history when there is one;</li>
 * <li>keeping as the law requires: nothing to do early, the retention rules run their course.</li>
 * </ul>
 * Without directives the action stays pending for the DPO (the heirs' rights, loi 78-17 art. 85-II).
 * The deceased's data is read as the person themselves ({@code Actor.subject}), carrying out their
 * own directives, for {@code rights-requests}.
 */
@Component
class DeathNotices {

    private final PostMortem postMortem;
    private final ErasureFulfilment erasure;
    private final RequestStore store;
    private final AnswerDelivery delivery;
    private final RightsMails mails;
    private final Links links;
    private final PersonalFiles files;
    private final AccessReports reports;
    private final DeathChecks checks;

    DeathNotices(PostMortem postMortem, ErasureFulfilment erasure, RequestStore store, AnswerDelivery delivery, RightsMails mails, Links links,
            PersonalFiles files, AccessReports reports, DeathChecks checks) {
        this.postMortem = postMortem;
        this.erasure = erasure;
        this.store = store;
        this.delivery = delivery;
        this.mails = mails;
        this.links = links;
        this.files = files;
        this.reports = reports;
        this.checks = checks;
    }

    /** A death notified: its evidence is to be checked before anything is carried out. */
    @ApplicationModuleListener
    void on(DeathNotified event) {
        checks.open(event.subjectId(), event.diedOn());
    }

    /** The DPO confirmed the death: the directives are carried out. */
    @ApplicationModuleListener
    void on(DeathConfirmed event) {
        carryOut(event.subjectId(), event.confirmedBy());
    }

    /** Carries out the person's pending actions, on the decision of {@code decidedBy}; the request made for the trusted person, if any. */
    @Nullable UUID carryOut(UUID subjectId, String decidedBy) {
        RightsRequest request = null;
        for (PostMortem.Action listed : postMortem.actions(subjectId)) {
            // read again: the DPO may have carried an action out by hand meanwhile
            PostMortem.Action action = postMortem.actions(subjectId).stream().filter(a -> a.id().equals(listed.id())).findFirst().orElse(listed);
            if (action.status() != PostMortem.ActionStatus.PENDING) {
                continue;
            }
            switch (action.kind()) {
                case COMMUNICATION_TO_TRUSTED_PERSON -> {
                    request = communicate(subjectId, decidedBy);
                    postMortem.complete(action.id(), decidedBy);
                }
                case ERASURE -> {
                    Erasures.Result result = erasure.erase(subjectId, Erasures.Ground.POST_MORTEM_DIRECTIVES, request,
                            request == null ? "death-notification" : request.reference(), decidedBy);
                    if (request != null) {
                        store.step(request.id(), decidedBy, "erased-after-death", result.outcome().code());
                    }
                    postMortem.complete(action.id(), decidedBy);
                }
                case KEEP_AS_REQUIRED_BY_LAW -> postMortem.complete(action.id(), decidedBy);
                case NO_DIRECTIVES -> { } // the DPO's: the heirs may exercise their rights
            }
        }
        return request == null ? null : request.id();
    }

    /** The deceased's access report, to the trusted person their directives name, in the directives' language. */
    private @Nullable RightsRequest communicate(UUID subjectId, String decidedBy) {
        PostMortem.Directives directives = postMortem.current(Actor.subject(subjectId), subjectId).orElse(null);
        PostMortem.TrustedPerson trusted = directives == null ? null : directives.trustedPerson();
        if (trusted == null) {
            return null;
        }
        String language = store.directivesLanguage(subjectId);
        RightsRequest request = store.insert(RequestType.POST_MORTEM, RequestChannel.API, language, store.today(),
                new Claimant(trusted.name(), trusted.email(), trusted.postalAddress(), null), Steps.SYSTEM);
        store.step(request.id(), Steps.SYSTEM, "death-notified", null);
        store.step(request.id(), decidedBy, "death-confirmed", null);
        store.verified(request.id(), subjectId, Steps.SYSTEM);
        store.step(request.id(), Steps.SYSTEM, "identity-verified", "post-mortem-directives");
        Locale locale = RightsMails.locale(request);
        PersonalFile file = files.read(subjectId);
        String deceased = name(file.subject().identity());
        String html = reports.html(request, file, store.today(), locale);
        String name = request.reference().toLowerCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        for (Fulfilment.AnswerContent content : List.of(
                new Fulfilment.AnswerContent("access-report-html", name + "-access.html", "text/html; charset=utf-8", AccessReports.bytes(html)),
                new Fulfilment.AnswerContent("access-report-pdf", name + "-access.pdf", "application/pdf", AccessReports.pdf(html)))) {
            UUID fileId = delivery.store(request.id(), content);
            if (trusted.email() != null) {
                lines.add(content.fileName() + " : " + links.download(request, delivery.link(fileId)));
            }
        }
        String diedOn = postMortem.deceasedOn(subjectId).map(day -> mails.date(day, locale)).orElse("?");
        String summary = mails.text("rights.answer.trusted-person", locale, deceased, diedOn);
        store.close(request.id(), RequestStatus.ANSWERED, "answered");
        store.step(request.id(), Steps.SYSTEM, "communicated-to-trusted-person", summary);
        if (trusted.email() != null) {
            mails.send(trusted.email(), request, "trusted-person", List.of(summary,
                    mails.text("rights.mail.answer.links", locale, delivery.validity().toDays()), String.join("\n", lines),
                    mails.text("rights.mail.answer.free", locale)), deceased);
        } else {
            store.step(request.id(), Steps.SYSTEM, "answer-to-post", null);
        }
        return request;
    }

    /** First names and last name, as held. */
    private static String name(@Nullable Identity identity) {
        if (identity == null) {
            return "?";
        }
        return (identity.firstNames() == null ? "" : identity.firstNames() + " ") + identity.lastName();
    }
}
