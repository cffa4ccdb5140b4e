package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.commerce.CommerceRetention;
import org.charte.commerce.CommerceRetention.CardReference;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.RetentionRuns.HeldItem;
import org.jspecify.annotations.Nullable;

/**
 * L7: card references (a payment provider's token and the last four digits) erased 13 months after
 * the debit, with a proof each; the payment's amount, date and method stay for accounting. A hold
 * on the person or on the payment's invoice keeps the reference.
 */
final class CardReferenceStep implements RetentionStep {

    private final CardReferenceRetention rule;
    private final CommerceRetention commerce;

    CardReferenceStep(CardReferenceRetention rule, CommerceRetention commerce) {
        this.rule = rule;
        this.commerce = commerce;
    }

    @Override
    public String ruleId() {
        return rule.ruleId();
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return commerce.countDueCardReferences(rule.cutoff(asOf));
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return commerce.dueCardReferences(rule.cutoff(asOf), after, limit);
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        List<CardReference> due = commerce.lockCardReferences(ids).stream().filter(c -> rule.isDue(c.debitedOn(), batch.asOf())).toList();
        List<Hold> holds = batch.holds().activeFor(due.stream().map(CardReference::subjectId).distinct().toList(), batch.asOf());
        List<UUID> erasable = new ArrayList<>();
        List<HeldItem> held = new ArrayList<>();
        List<Erasure> erased = new ArrayList<>();
        for (CardReference card : due) {
            Hold hold = holds.stream().filter(h -> h.subjectId().equals(card.subjectId()) && (h.onPerson() || card.invoiceId().equals(h.recordId())))
                    .findFirst().orElse(null);
            if (hold != null) {
                held.add(new HeldItem(ruleId(), "card-reference", card.paymentId(), card.subjectId(), hold.id(), hold.kind(), hold.reasonCode(),
                        hold.endsOn()));
            } else {
                erasable.add(card.paymentId());
                erased.add(new Erasure("card-reference", card.paymentId(), card.subjectId(), false));
            }
        }
        long records = batch.dryRun() ? 0 : commerce.eraseCardReferences(erasable);
        return new Outcome(erased, records, 0, held, ids.size() - due.size());
    }
}
