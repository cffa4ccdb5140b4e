package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.charte.retention.Erasures;
import org.charte.retention.RetentionRuns;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.Subjects;
import org.charte.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Erasure (GDPR Art. 17, R9.2) through the retention module's erasure path ({@link Erasures}), when
 * the DPO produces the answer after review: what a legal hold keeps, what an obligation sends to
 * the intermediate archive, and, for an active client, what the contract in force needs, are each
 * named in the answer with their legal basis. An active client's request is partly granted: their
 * free "other information" goes, and since nothing of a contract needs direct marketing, their
 * objection to it is recorded at once (Art. 17(1)(c), 21(3)).
 *
 * <p>Whoever ordered it is named (R6.5): an audit entry under the person's id, by the DPO, names the
 * request, the one-person run and the proof it wrote (a keyed hash, no personal data), and so does
 * the request's history.
 */
@Component
class ErasureFulfilment implements Fulfilment {

    private final Erasures erasures;
    private final MarketingObjections objections;
    private final RightsMails mails;
    private final Policy policy;
    private final RetentionRuns runs;
    private final AuditLog audit;
    private final RequestStore store;

    ErasureFulfilment(Erasures erasures, MarketingObjections objections, RightsMails mails, Policy policy, RetentionRuns runs, AuditLog audit,
            RequestStore store) {
        this.erasures = erasures;
        this.objections = objections;
        this.mails = mails;
        this.policy = policy;
        this.runs = runs;
        this.audit = audit;
        this.store = store;
    }

    @Override
    public RequestType type() {
        return RequestType.ERASURE;
    }

    /** Irreversible: the DPO reviews the request (and what holds and obligations keep) before it is carried out. */
    @Override
    public boolean automatic() {
        return false;
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        return fulfil(request, subjectId, claimant, locale, Steps.SYSTEM);
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale, String decidedBy) {
        Erasures.Result result = erase(subjectId, Erasures.Ground.PERSON_ASKED, request, request.reference(), decidedBy);
        boolean contract = result.kept().stream().anyMatch(k -> k.basis() == Erasures.Basis.CONTRACT_IN_FORCE);
        boolean archived = result.kept().stream().anyMatch(k -> k.basis() == Erasures.Basis.ARCHIVE_OBLIGATION);
        List<String> paragraphs = new ArrayList<>();
        if (contract) {
            objections.objectToAll(subjectId, request.id().toString());
            paragraphs.add(mails.text("rights.answer.erasure.contract", locale));
        } else if (archived && result.outcome() == Erasures.Outcome.ERASED) {
            paragraphs.add(mails.text("rights.answer.erasure.erased-archived", locale));
        } else {
            paragraphs.add(mails.text("rights.answer.erasure." + result.outcome().code(), locale));
        }
        List<String> kept = kept(result.kept(), locale);
        if (!kept.isEmpty()) {
            paragraphs.add(mails.text("rights.answer.erasure.kept", locale) + "\n" + String.join("\n", kept));
        }
        if (result.recipientsTold() > 0) {
            paragraphs.add(mails.text("rights.answer.erasure.recipients", locale, result.recipientsTold()));
        }
        return new Result(List.of(), String.join("\n\n", paragraphs));
    }

    /**
     * Erases through the retention path, then names who decided it (R6.5): an audit entry under the
     * person's id, by {@code decidedBy}, naming the request, the run and the proof (codes and a keyed
     * hash only), and the same in the request's history.
     */
    Erasures.Result erase(UUID subjectId, Erasures.Ground ground, @Nullable RightsRequest request, String reference, String decidedBy) {
        Erasures.Result result = erasures.erase(subjectId, ground, reference);
        String proof = result.outcome() == Erasures.Outcome.NOTHING_ERASED ? "none" : runs.proofHash(subjectId);
        String note = "run " + (result.runId() == null ? "none" : result.runId()) + "; proof " + proof + "; " + result.outcome().code();
        boolean contract = result.kept().stream().anyMatch(k -> k.basis() == Erasures.Basis.CONTRACT_IN_FORCE);
        audit.append(new AuditEvent(decidedBy, "erase", PersonalFiles.PURPOSE, "subject", subjectId.toString(), subjectId,
                contract ? List.of(Subjects.OTHER_INFORMATION) : List.of(Subjects.IDENTITY, Subjects.CONTACT, Subjects.OTHER_INFORMATION),
                AuditOutcome.ALLOWED,
                Erasures.RULE_ID + "; " + ground.name().toLowerCase(Locale.ROOT).replace('_', '-') + "; " + reference + "; " + note));
        if (request != null) {
            store.step(request.id(), decidedBy, "erased", note);
        }
        return result;
    }

    /**
     * One line per kind of record and reason, with its legal basis and until when; what the
     * intermediate archive keeps names the person's data kept with it (their name, their postal
     * address: what its obligations need) and each obligation with its own end (R9.2, L4).
     */
    List<String> kept(List<Erasures.Kept> kept, Locale locale) {
        record Key(String recordType, Erasures.Basis basis, String code, String reference) {}
        Map<Key, LocalDate> until = new LinkedHashMap<>();
        Map<Key, Set<Object>> records = new LinkedHashMap<>();
        for (Erasures.Kept k : kept) {
            // an archived record: one line per kind of record, its obligations listed in it
            Key key = k.basis() == Erasures.Basis.ARCHIVE_OBLIGATION ? new Key(k.recordType(), k.basis(), "", "")
                    : new Key(k.recordType(), k.basis(), k.code(), k.reference());
            records.computeIfAbsent(key, x -> new HashSet<>()).add(k.recordId() == null ? new Object() : k.recordId());
            LocalDate previous = until.get(key);
            if (k.until() != null && (previous == null || k.until().isAfter(previous))) {
                until.put(key, k.until());
            } else if (!until.containsKey(key)) {
                until.put(key, null);
            }
        }
        PolicyView view = new PolicyView(policy, locale);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Key, Set<Object>> entry : records.entrySet()) {
            Key key = entry.getKey();
            @Nullable LocalDate day = until.get(key);
            String what = mails.text("rights.record." + key.recordType(), locale) + (entry.getValue().size() > 1 ? " (" + entry.getValue().size() + ")" : "");
            String untilText = day == null ? "" : mails.text("rights.answer.erasure.until", locale, mails.date(day, locale));
            // the GDPR's provision for keeping it, from the one place that says it (Kept#gdprArticle)
            String article = mails.text("rights.keeping." + new Erasures.Kept(key.recordType(), null, key.basis(), key.code(), key.reference(), null)
                    .gdprArticle(), locale);
            String line = switch (key.basis()) {
                case LEGAL_HOLD -> mails.text("rights.answer.erasure.kept.hold", locale, what, mails.text("rights.hold." + key.code(), locale),
                        key.reference(), untilText, article);
                case ARCHIVE_OBLIGATION -> archived(kept, key.recordType(), what, view, locale, article);
                case CONTRACT_IN_FORCE -> mails.text("rights.answer.erasure.kept.contract", locale, what, article);
            };
            lines.add("- " + line);
        }
        return lines;
    }

    /** The archive's line for one kind of record: the person's data kept with it, and each obligation with its latest end. */
    private String archived(List<Erasures.Kept> kept, String recordType, String what, PolicyView view, Locale locale, String article) {
        Map<String, LocalDate> ends = new LinkedHashMap<>();
        for (Erasures.Kept k : kept) {
            if (k.basis() == Erasures.Basis.ARCHIVE_OBLIGATION && k.recordType().equals(recordType)) {
                ends.merge(k.code(), k.until() == null ? LocalDate.MIN : k.until(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Set<String> categories = new TreeSet<>();
        List<String> obligations = new ArrayList<>();
        for (Map.Entry<String, LocalDate> end : ends.entrySet()) {
            Policy.Obligation obligation = policy.archive().stream().filter(o -> o.id().equals(end.getKey())).findFirst().orElse(null);
            if (obligation != null) {
                categories.addAll(obligation.categories());
            }
            obligations.add(mails.text("rights.answer.erasure.kept.archive.obligation", locale,
                    obligation == null ? end.getKey() : view.t(obligation.label()), obligation == null ? end.getKey() : obligation.reference(),
                    end.getValue().equals(LocalDate.MIN) ? "?" : mails.date(end.getValue(), locale)));
        }
        boolean identity = categories.contains(Subjects.IDENTITY);
        boolean contact = categories.contains(Subjects.CONTACT);
        String with = !identity && !contact ? ""
                : mails.text("rights.answer.erasure.kept.archive.with", locale,
                        mails.text("rights.answer.erasure.kept.archive." + (identity && contact ? "identity-contact" : identity ? "identity" : "contact"), locale));
        return mails.text("rights.answer.erasure.kept.archive", locale, what, with, String.join("; ", obligations), article);
    }
}
