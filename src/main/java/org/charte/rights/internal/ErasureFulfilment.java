package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.charte.retention.Erasures;
import org.charte.rights.RequestType;
import org.charte.rights.RightsRequest;
import org.charte.rights.RightsRequests.Claimant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Erasure (GDPR Art. 17, R9.2) through the retention module's erasure path ({@link Erasures}), when
 * the DPO produces the answer after review: what a legal hold keeps, what an obligation sends to
 * the intermediate archive, and, for an active client, what the contract in force needs, are each
 * named in the answer with their legal basis. An active client's request is partly granted: their
 * free "other information" goes, and since nothing of a contract needs direct marketing, their
 * objection to it is recorded at once (Art. 17(1)(c), 21(3)).
 */
@Component
class ErasureFulfilment implements Fulfilment {

    private final Erasures erasures;
    private final Objections objections;
    private final RightsMails mails;
    private final Policy policy;

    ErasureFulfilment(Erasures erasures, Objections objections, RightsMails mails, Policy policy) {
        this.erasures = erasures;
        this.objections = objections;
        this.mails = mails;
        this.policy = policy;
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
        Erasures.Result result = erasures.erase(subjectId, Erasures.Ground.PERSON_ASKED, request.reference());
        boolean contract = result.kept().stream().anyMatch(k -> k.basis() == Erasures.Basis.CONTRACT_IN_FORCE);
        List<String> paragraphs = new ArrayList<>();
        if (contract) {
            objections.objectToDirectMarketing(subjectId, request.id().toString(), Actor.subject(subjectId).typedId());
            paragraphs.add(mails.text("rights.answer.erasure.contract", locale));
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

    /** One line per kind of record and reason, with its legal basis and until when. */
    List<String> kept(List<Erasures.Kept> kept, Locale locale) {
        record Key(String recordType, Erasures.Basis basis, String code, String reference) {}
        Map<Key, LocalDate> until = new LinkedHashMap<>();
        Map<Key, Integer> count = new LinkedHashMap<>();
        for (Erasures.Kept k : kept) {
            Key key = new Key(k.recordType(), k.basis(), k.code(), k.reference());
            count.merge(key, 1, Integer::sum);
            LocalDate previous = until.get(key);
            if (k.until() != null && (previous == null || k.until().isAfter(previous))) {
                until.put(key, k.until());
            } else if (!until.containsKey(key)) {
                until.put(key, null);
            }
        }
        PolicyView view = new PolicyView(policy, locale);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Key, Integer> entry : count.entrySet()) {
            Key key = entry.getKey();
            @Nullable LocalDate day = until.get(key);
            String what = mails.text("rights.record." + key.recordType(), locale) + (entry.getValue() > 1 ? " (" + entry.getValue() + ")" : "");
            String untilText = day == null ? "" : mails.text("rights.answer.erasure.until", locale, mails.date(day, locale));
            String line = switch (key.basis()) {
                case LEGAL_HOLD -> mails.text("rights.answer.erasure.kept.hold", locale, what, mails.text("rights.hold." + key.code(), locale),
                        key.reference(), untilText);
                case ARCHIVE_OBLIGATION -> mails.text("rights.answer.erasure.kept.archive", locale, what,
                        policy.archive().stream().filter(o -> o.id().equals(key.code())).findFirst().map(o -> view.t(o.label())).orElse(key.code()),
                        key.reference(), untilText);
                case CONTRACT_IN_FORCE -> mails.text("rights.answer.erasure.kept.contract", locale, what, key.reference());
            };
            lines.add("- " + line);
        }
        return lines;
    }
}
