package org.charte.registers.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.Days;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The registers as tables, in one language (item 7 of issue 14): the Art. 30 record of processing
 * activities and the transfers from the policy in force, the subcontractors and the disclosures
 * to authorities from their rows. Staff are named, never given by id.
 */
@Component
class RegisterExports {

    static final List<String> NAMES = List.of("processing", "transfers", "subcontractors", "disclosures", "breaches");

    private final Policy policy;
    private final MessageSource messages;
    private final StaffDirectory staff;
    private final SubcontractorRegister subcontractors;
    private final DisclosureService disclosures;
    private final BreachRegister breaches;
    private final Clock clock;

    RegisterExports(Policy policy, MessageSource messages, StaffDirectory staff, SubcontractorRegister subcontractors,
            DisclosureService disclosures, BreachRegister breaches, Clock clock) {
        this.breaches = breaches;
        this.clock = clock;
        this.policy = policy;
        this.messages = messages;
        this.staff = staff;
        this.subcontractors = subcontractors;
        this.disclosures = disclosures;
    }

    /** The register of that name, or null when there is none. */
    @Nullable RegisterExportTable table(String name, Locale locale) {
        return switch (name) {
            case "processing" -> processing(locale);
            case "transfers" -> transfers(locale);
            case "subcontractors" -> subcontractors(locale);
            case "disclosures" -> disclosures(locale);
            case "breaches" -> breaches(locale);
            default -> null;
        };
    }

    private String m(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    private List<String> columns(String register, Locale locale, String... keys) {
        List<String> columns = new ArrayList<>();
        for (String key : keys) {
            columns.add(m("registers." + register + ".col." + key, locale));
        }
        return columns;
    }

    RegisterExportTable processing(Locale locale) {
        PolicyView v = new PolicyView(policy, locale);
        List<List<String>> rows = new ArrayList<>();
        for (Policy.Purpose p : policy.purposes()) {
            List<String> transfers = v.transfersFor(p).stream().map(t -> v.recipients(List.of(t.recipient())) + " (" + v.countries(t.countries())
                    + (t.safeguard().isEmpty() ? "" : " ; " + safeguard(t, v, locale)) + ")").toList();
            rows.add(List.of(v.t(p.label()), m("basis." + v.code(p.legalBasis()), locale), v.subjects(p.subjects()), v.categories(p.categories()),
                    v.recipients(p.recipients()), transfers.isEmpty() ? m("register.no-transfer", locale) : String.join(" ; ", transfers)));
        }
        return new RegisterExportTable("register-art30", m("registers.processing.title", locale),
                columns("processing", locale, "purpose", "basis", "subjects", "categories", "recipients", "transfers"), rows);
    }

    String safeguard(Policy.Transfer t, PolicyView v, Locale locale) {
        if (t.safeguard().isEmpty()) {
            return m("register.no-safeguard-needed", locale);
        }
        String words = m("safeguard." + t.safeguard(), locale);
        return t.safeguardReference() == null ? words : m("safeguard.reference", locale, words, v.t(t.safeguardReference()));
    }

    RegisterExportTable transfers(Locale locale) {
        PolicyView v = new PolicyView(policy, locale);
        List<List<String>> rows = new ArrayList<>();
        for (Policy.Transfer t : policy.transfers()) {
            rows.add(List.of(v.recipients(List.of(t.recipient())), v.t(t.label()), v.countries(t.countries()), v.categories(t.categories()),
                    safeguard(t, v, locale)));
        }
        return new RegisterExportTable("register-transfers", m("registers.transfers.title", locale),
                columns("transfers", locale, "recipient", "transfer", "countries", "categories", "safeguard"), rows);
    }

    RegisterExportTable subcontractors(Locale locale) {
        List<List<String>> rows = new ArrayList<>();
        for (SubcontractorRegister.Line line : subcontractors.lines()) {
            var s = line.subcontractor();
            rows.add(List.of(s.name(), policy.role(s.role()).map(r -> r.label().in(locale)).orElse(s.role()), Days.day(s.contractSignedOn(), locale),
                    Days.day(s.contractEndsOn(), locale), yesNo(s.dataProtectionClauses(), locale),
                    m(line.contractInForce() ? "registers.subcontractors.in-force" : "registers.subcontractors.blocked", locale),
                    Days.day(s.lastAssessmentOn(), locale), Days.day(line.nextAssessmentDue(), locale),
                    line.assessmentOverdue() ? m("registers.subcontractors.overdue", locale) : ""));
        }
        return new RegisterExportTable("register-subcontractors", m("registers.subcontractors.title", locale),
                columns("subcontractors", locale, "name", "role", "signed", "ends", "clauses", "access", "assessed", "next", "overdue"), rows);
    }

    RegisterExportTable disclosures(Locale locale) {
        List<List<String>> rows = new ArrayList<>();
        for (Disclosure d : disclosures.all()) {
            rows.add(List.of(d.reference(), d.authority(), basis(d, locale), Days.day(d.receivedOn(), locale), Days.day(d.deadline(), locale),
                    Integer.toString(d.subjectIds().size()), categories(d.categories(), locale), name(d.recordedBy()), name(d.approvedBy()),
                    m("registers.disclosures.status." + d.status().name().toLowerCase(Locale.ROOT), locale), Days.when(d.answeredAt(), locale),
                    d.answerSha256() == null ? "" : d.answerSha256(), Days.when(d.linkUsedAt(), locale),
                    d.doNotInform() ? m("registers.disclosures.not-informed", locale, d.doNotInformReason())
                            : m("registers.disclosures.informed-count", locale, d.informed(), d.subjectIds().size())));
        }
        return new RegisterExportTable("register-disclosures", m("registers.disclosures.title", locale),
                columns("disclosures", locale, "reference", "authority", "basis", "received", "deadline", "people", "categories", "recorded-by",
                        "approved-by", "status", "answered", "sha256", "downloaded", "informed"), rows);
    }

    /** The breach register (L6, Art. 33(5)): every breach with its facts, effects and remedial action, notified or not. */
    RegisterExportTable breaches(Locale locale) {
        Instant now = clock.instant();
        List<List<String>> rows = new ArrayList<>();
        for (Breach b : breaches.latest()) {
            String nature = String.join(", ", b.nature().stream().map(n -> m("breach.nature." + n.name().toLowerCase(Locale.ROOT), locale)).toList());
            rows.add(List.of(b.title(), Days.when(b.discoveredAt(), locale), b.discoveredHow(), nature, categories(b.categories(), locale),
                    Long.toString(b.approximatePeople()), Long.toString(b.approximateRecords()), b.consequences(), b.measuresTaken(),
                    b.measuresPlanned(), b.risk() == null ? m("breach.risk.unassessed", locale) : m("breach.risk." + b.risk().name(), locale),
                    b.riskReasons() == null ? "" : b.riskReasons(), Days.when(b.clock().dueAt(), locale), m("breach.state." + b.state(now).name(), locale),
                    Days.when(b.notifiedAt(), locale), b.reasonsForDelay() == null ? "" : b.reasonsForDelay(), b.cnilReference() == null ? "" : b.cnilReference(),
                    Days.when(b.peopleToldAt(), locale), staffName(b.recordedBy(), locale)));
        }
        return new RegisterExportTable("register-breaches", m("registers.breaches.title", locale),
                columns("breaches", locale, "title", "discovered", "how", "nature", "categories", "people", "records", "consequences", "taken",
                        "planned", "risk", "reasons", "due", "clock", "notified", "delay", "cnil", "told", "recorded-by"), rows);
    }

    /** A typed actor id ({@code staff:<uuid>}) by the staff member's name. */
    String staffName(String typedId, Locale locale) {
        if (typedId.startsWith("staff:")) {
            try {
                return name(UUID.fromString(typedId.substring("staff:".length())));
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return m("registers.breaches.system", locale);
    }

    String basis(Disclosure d, Locale locale) {
        String words = m("disclosures.basis." + d.legalBasis().code(), locale);
        return d.legalBasisDetail() == null ? words : words + " — " + d.legalBasisDetail();
    }

    String categories(List<String> ids, Locale locale) {
        return new PolicyView(policy, locale).categories(ids);
    }

    String name(@Nullable UUID id) {
        return id == null ? "" : staff.find(id).map(StaffMember::displayName).orElse("");
    }

    private String yesNo(boolean value, Locale locale) {
        return m(value ? "registers.yes" : "registers.no", locale);
    }
}
