package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The right of access (R9.1): the report in HTML and PDF. */
@Component
class AccessFulfilment implements Fulfilment {

    private final PersonalFiles files;
    private final AccessReports reports;
    private final RequestStore store;
    private final MessageSource messages;
    private final AccessReportPdf pdf;

    AccessFulfilment(PersonalFiles files, AccessReports reports, RequestStore store, MessageSource messages, AccessReportPdf pdf) {
        this.pdf = pdf;
        this.files = files;
        this.reports = reports;
        this.store = store;
        this.messages = messages;
    }

    @Override
    public RequestType type() {
        return RequestType.ACCESS;
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        PersonalFile file = files.read(subjectId);
        String html = reports.html(request, file, store.today(), locale);
        String name = request.reference().toLowerCase(Locale.ROOT);
        return new Result(List.of(
                new AnswerContent("access-report-html", name + "-access.html", "text/html; charset=utf-8", AccessReports.bytes(html)),
                new AnswerContent("access-report-pdf", name + "-access.pdf", "application/pdf", pdf.render(html))),
                messages.getMessage("rights.answer.access", null, locale));
    }
}
