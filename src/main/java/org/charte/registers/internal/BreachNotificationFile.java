package org.charte.registers.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.charte.common.Days;
import org.charte.common.TaggedPdf;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification of a breach to the CNIL (L6, Art. 33(3)), laid out as the CNIL's online
 * notification form asks it: initial or complementary; the controller and the DPO (from the policy
 * in force); the chronology, with the reasons for a late notification; the nature; the categories
 * and approximate numbers of people and records; the likely consequences; the measures taken and
 * planned; whether the people were told, when and how. As JSON (to copy into the form) and PDF (to
 * keep; tagged for screen readers, its font embedded: {@link TaggedPdf}). Texts are the register's, the labels the policy's, in French as the CNIL's form is.
 */
@Component
class BreachNotificationFile {

    static final String FORMAT = "charte-breach-notification/1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CurrentPolicy policy;
    private final Clock clock;
    private final TaggedPdf pdf;

    BreachNotificationFile(CurrentPolicy policy, Clock clock, TaggedPdf pdf) {
        this.policy = policy;
        this.clock = clock;
        this.pdf = pdf;
    }

    record Organisation(String name, String legalForm, String siret, String address, String legalRepresentative, String email) {}

    record Contact(String role, String name, String email, String address) {}

    record Chronology(Instant discoveredAt, String discoveredHow, Instant dueAt, @Nullable Instant notifiedAt, boolean late,
            @Nullable String reasonsForDelay) {}

    record Category(String code, String label) {}

    record Nature(List<String> kinds, String circumstances) {}

    record Data(List<Category> categories, long approximateRecords) {}

    record People(List<Category> categories, long approximateNumber) {}

    record PeopleTold(boolean told, @Nullable Instant at, @Nullable String how, @Nullable String whyNot) {}

    /** The form's sections, in its order. */
    record Notification(String format, String type, @Nullable String cnilReference, Instant producedAt, String breachId, String title,
            Organisation organisation, Contact contact, Chronology chronology, Nature nature, Data data, People people,
            String likelyConsequences, String measuresTaken, String measuresPlanned, String riskAssessment, @Nullable String riskReasons,
            PeopleTold peopleTold) {}

    Notification of(Breach b) {
        Policy p = policy.policy();
        Policy.Controller c = p.controller();
        Set<String> subjectCodes = new LinkedHashSet<>();
        List<Category> categories = b.categories().stream().map(code -> {
            var category = p.dataCategory(code);
            category.ifPresent(d -> subjectCodes.addAll(d.subjects()));
            return new Category(code, category.map(d -> d.label().fr()).orElse(code));
        }).toList();
        List<Category> subjects = p.subjectCategories().stream().filter(s -> subjectCodes.contains(s.id()))
                .map(s -> new Category(s.id(), s.label().fr())).toList();
        String risk = b.risk() == null ? "non évalué" : switch (b.risk()) {
            case NONE -> "aucun risque";
            case RISK -> "risque";
            case HIGH -> "risque élevé";
        };
        String whyNot = b.peopleToldAt() != null ? null : b.risk() == BreachRisk.HIGH
                ? "information des personnes en cours (art. 34)" : "risque non élevé : information des personnes non requise (art. 34(1))";
        return new Notification(FORMAT, b.notifiedAt() == null ? "initiale" : "complémentaire", b.cnilReference(), clock.instant(),
                b.id().toString(), b.title(),
                new Organisation(c.name(), c.legalForm(), c.siret(), c.address().oneLine(), c.legalRepresentative(), c.email()),
                new Contact("Délégué à la protection des données", p.dpo().name(), p.dpo().email(), p.dpo().address().oneLine()),
                new Chronology(b.discoveredAt(), b.discoveredHow(), b.clock().dueAt(), b.notifiedAt(),
                        b.notifiedAt() != null ? b.clock().late(b.notifiedAt()) : clock.instant().isAfter(b.clock().dueAt()),
                        b.reasonsForDelay()),
                new Nature(b.nature().stream().map(n -> switch (n) {
                    case CONFIDENTIALITY -> "perte de confidentialité";
                    case INTEGRITY -> "perte d'intégrité";
                    case AVAILABILITY -> "perte de disponibilité";
                }).toList(), b.discoveredHow()),
                new Data(categories, b.approximateRecords()), new People(subjects, b.approximatePeople()), b.consequences(),
                b.measuresTaken(), b.measuresPlanned(), risk, b.riskReasons(),
                new PeopleTold(b.peopleToldAt() != null, b.peopleToldAt(), BreachTelling.read(b.peopleToldHow())
                        .map(t -> "par courriel : " + t.mailed() + " personne(s)" + (t.withoutEmail() == 0 ? ""
                                : " ; sans adresse électronique, à informer autrement : " + t.withoutEmail()))
                        .orElse(b.peopleToldHow()), whyNot));
    }

    byte[] json(Breach breach) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(of(breach));
    }

    byte[] pdf(Breach breach) {
        Notification n = of(breach);
        StringBuilder html = new StringBuilder("<html lang=\"fr\"><head><meta charset=\"utf-8\"/><title>Notification de violation</title>"
                + "<style>body{font-family:'" + TaggedPdf.FONT_FAMILY + "';font-size:10pt} h1{font-size:15pt} h2{font-size:12pt;margin-top:14pt}"
                + " td{vertical-align:top;padding:2pt 6pt} td.k{width:35%;color:#444}</style></head><body>");
        html.append("<h1>Notification d'une violation de données personnelles à la CNIL</h1>");
        section(html, "Type de notification", row("Notification", n.type()), row("Numéro CNIL", n.cnilReference()),
                row("Violation", n.title()), row("Produit le", Days.when(n.producedAt(), Locale.FRENCH)));
        Organisation o = n.organisation();
        section(html, "Organisme (responsable de traitement)", row("Raison sociale", o.name() + " (" + o.legalForm() + ")"),
                row("SIRET", o.siret()), row("Adresse", o.address()), row("Représentant légal", o.legalRepresentative()),
                row("Courriel", o.email()));
        section(html, "Personne à contacter", row(n.contact().role(), n.contact().name()), row("Courriel", n.contact().email()),
                row("Adresse", n.contact().address()));
        Chronology t = n.chronology();
        section(html, "Chronologie", row("Prise de connaissance", Days.when(t.discoveredAt(), Locale.FRENCH)),
                row("Circonstances de la découverte", t.discoveredHow()), row("Échéance des 72 heures", Days.when(t.dueAt(), Locale.FRENCH)),
                row("Notifiée le", t.notifiedAt() == null ? null : Days.when(t.notifiedAt(), Locale.FRENCH)),
                row("Notification tardive", t.late() ? "oui" : "non"), row("Motifs du retard", t.reasonsForDelay()));
        section(html, "Nature de la violation", row("Nature", String.join(", ", n.nature().kinds())));
        section(html, "Données et personnes concernées",
                row("Catégories de données", String.join(", ", n.data().categories().stream().map(Category::label).toList())),
                row("Nombre approximatif d'enregistrements", Long.toString(n.data().approximateRecords())),
                row("Catégories de personnes", String.join(", ", n.people().categories().stream().map(Category::label).toList())),
                row("Nombre approximatif de personnes", Long.toString(n.people().approximateNumber())));
        section(html, "Conséquences et mesures", row("Conséquences probables", n.likelyConsequences()),
                row("Mesures prises", n.measuresTaken()), row("Mesures envisagées", n.measuresPlanned()),
                row("Évaluation du risque", n.riskAssessment()), row("Motifs de l'évaluation", n.riskReasons()));
        PeopleTold told = n.peopleTold();
        section(html, "Information des personnes (art. 34)", row("Personnes informées", told.told() ? "oui" : "non"),
                row("Le", told.at() == null ? null : Days.when(told.at(), Locale.FRENCH)), row("Comment", told.how()),
                row("Sinon, pourquoi", told.whyNot()));
        html.append("<p>Heures de Paris.</p></body></html>");
        return pdf.render(html.toString());
    }

    private static String row(String label, @Nullable String value) {
        return "<tr><td class=\"k\">" + HtmlUtils.htmlEscape(label, "UTF-8") + "</td><td>"
                + (value == null ? "—" : HtmlUtils.htmlEscape(value, "UTF-8").replace("\n", "<br/>")) + "</td></tr>";
    }

    private static void section(StringBuilder html, String title, String... rows) {
        html.append("<h2>").append(HtmlUtils.htmlEscape(title, "UTF-8")).append("</h2><table>");
        for (String row : rows) {
            html.append(row);
        }
        html.append("</table>");
    }
}
