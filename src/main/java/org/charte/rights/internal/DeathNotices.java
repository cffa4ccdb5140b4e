package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.retention.Erasures;
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
 * A death notified (R9.4): the rights module carries out the person's directives, the pending
 * actions the subjects module opened, in their order, in one transaction after the notification
 * committed (the event registry retries it if this fails):
 * <ul>
 * <li>communication to the trusted person: a post-mortem request on their behalf (channel
 * {@code api}: the death was recorded by staff), answered with the deceased's access report through
 * single-use links to the trusted person's e-mail (or left for the DPO to post);</li>
 * <li>erasure: through the retention module's erasure path, holds and obligations keeping what
 * they cover; recorded in that request's history when there is one;</li>
 * <li>keeping as the law requires: nothing to do early, the retention rules run their course.</li>
 * </ul>
 * Without directives the action stays pending for the DPO (the heirs' rights, loi 78-17 art. 85-II).
 * The deceased's data is read as the person themselves ({@code Actor.subject}), carrying out their
 * own directives, for {@code rights-requests}.
 */
@Component
class DeathNotices {

    private final PostMortem postMortem;
    private final Erasures erasures;
    private final RequestStore store;
    private final AnswerDelivery delivery;
    private final RightsMails mails;
    private final Links links;
    private final PersonalFiles files;
    private final AccessReports reports;

    DeathNotices(PostMortem postMortem, Erasures erasures, RequestStore store, AnswerDelivery delivery, RightsMails mails, Links links,
            PersonalFiles files, AccessReports reports) {
        this.postMortem = postMortem;
        this.erasures = erasures;
        this.store = store;
        this.delivery = delivery;
        this.mails = mails;
        this.links = links;
        this.files = files;
        this.reports = reports;
    }

    @ApplicationModuleListener
    void on(DeathNotified event) {
        carryOut(event.subjectId());
    }

    /** Carries out the person's pending actions; the request made for the trusted person, if any. */
    @Nullable UUID carryOut(UUID subjectId) {
        RightsRequest request = null;
        for (PostMortem.Action listed : postMortem.actions(subjectId)) {
            // read again: the DPO may have carried an action out by hand meanwhile
            PostMortem.Action action = postMortem.actions(subjectId).stream().filter(a -> a.id().equals(listed.id())).findFirst().orElse(listed);
            if (action.status() != PostMortem.ActionStatus.PENDING) {
                continue;
            }
            switch (action.kind()) {
                case COMMUNICATION_TO_TRUSTED_PERSON -> {
                    request = communicate(subjectId);
                    postMortem.complete(action.id(), RightsWorkflow.SYSTEM);
                }
                case ERASURE -> {
                    Erasures.Result result = erasures.erase(subjectId, Erasures.Ground.POST_MORTEM_DIRECTIVES,
                            request == null ? "death-notification" : request.reference());
                    if (request != null) {
                        store.step(request.id(), RightsWorkflow.SYSTEM, "erased-after-death", result.outcome().code());
                    }
                    postMortem.complete(action.id(), RightsWorkflow.SYSTEM);
                }
                case KEEP_AS_REQUIRED_BY_LAW -> postMortem.complete(action.id(), RightsWorkflow.SYSTEM);
                case NO_DIRECTIVES -> { } // the DPO's: the heirs may exercise their rights
            }
        }
        return request == null ? null : request.id();
    }

    /** The deceased's access report, to the trusted person their directives name. */
    private @Nullable RightsRequest communicate(UUID subjectId) {
        PostMortem.Directives directives = postMortem.current(Actor.subject(subjectId), subjectId).orElse(null);
        PostMortem.TrustedPerson trusted = directives == null ? null : directives.trustedPerson();
        if (trusted == null) {
            return null;
        }
        RightsRequest request = store.insert(RequestType.POST_MORTEM, RequestChannel.API, "fr", store.today(),
                new Claimant(trusted.name(), trusted.email(), trusted.postalAddress(), null), RightsWorkflow.SYSTEM);
        store.step(request.id(), RightsWorkflow.SYSTEM, "death-notified", null);
        store.verified(request.id(), subjectId, RightsWorkflow.SYSTEM);
        store.step(request.id(), RightsWorkflow.SYSTEM, "identity-verified", "post-mortem-directives");
        Locale locale = Locale.FRENCH;
        String html = reports.html(request, files.read(subjectId), store.today(), locale);
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
        String summary = mails.text("rights.answer.trusted-person", locale);
        store.close(request.id(), RequestStatus.ANSWERED, "answered");
        store.step(request.id(), RightsWorkflow.SYSTEM, "communicated-to-trusted-person", summary);
        if (trusted.email() != null) {
            mails.send(trusted.email(), request, "answer", List.of(summary,
                    mails.text("rights.mail.answer.links", locale, delivery.validity().toDays()), String.join("\n", lines),
                    mails.text("rights.mail.answer.free", locale)));
        } else {
            store.step(request.id(), RightsWorkflow.SYSTEM, "answer-to-post", null);
        }
        return request;
    }
}
