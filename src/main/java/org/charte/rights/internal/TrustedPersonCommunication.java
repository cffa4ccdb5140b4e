package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.Identity;
import org.charte.subjects.PostMortem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The communication a deceased person's directives ask for (R9.4): a post-mortem request on the
 * trusted person's behalf (channel {@code api}: the death was recorded by staff), answered with the
 * deceased's access report through single-use links to the trusted person's e-mail (or left for the
 * DPO to post), in the language the directives were left in, the mail naming the deceased and titled
 * for what it is. Runs in the transaction of {@link DeathNotices}.
 */
@Component
class TrustedPersonCommunication {

    private final PostMortem postMortem;
    private final RequestStore store;
    private final PersonalFiles files;
    private final AccessReports reports;
    private final AnswerDelivery delivery;
    private final RightsMails mails;
    private final Links links;
    private final AccessReportPdf pdf;

    TrustedPersonCommunication(PostMortem postMortem, RequestStore store, PersonalFiles files, AccessReports reports, AnswerDelivery delivery,
            RightsMails mails, Links links, AccessReportPdf pdf) {
        this.pdf = pdf;
        this.postMortem = postMortem;
        this.store = store;
        this.files = files;
        this.reports = reports;
        this.delivery = delivery;
        this.mails = mails;
        this.links = links;
    }

    /** The deceased's access report, to the trusted person their directives name, in the directives' language. */
    @Nullable RightsRequest communicate(UUID subjectId, String decidedBy) {
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
                new Fulfilment.AnswerContent("access-report-pdf", name + "-access.pdf", "application/pdf", pdf.render(html)))) {
            UUID fileId = delivery.store(request.id(), content);
            if (trusted.email() != null) {
                lines.add(content.fileName() + " : " + links.download(request, delivery.link(fileId)));
            }
        }
        String diedOn = postMortem.deceasedOn(subjectId).map(day -> mails.date(day, locale)).orElse("?");
        String summary = mails.text("rights.answer.trusted-person", locale, deceased, diedOn);
        store.close(request.id(), RequestStatus.ANSWERED, "answered", Steps.SYSTEM);
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
