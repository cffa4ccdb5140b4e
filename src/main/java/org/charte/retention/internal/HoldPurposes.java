package org.charte.retention.internal;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.charte.policy.LegalBasis;
import org.charte.policy.Policy;
import org.charte.retention.LegalHolds;

/**
 * L4: data that only a legal hold keeps serves that hold's purpose alone. An unpaid invoice or a
 * litigation keeps a person to recover what is owed and defend the company's rights
 * ({@code unpaid-litigation}, and {@code billing} to record the payment that settles it); an
 * accounting obligation or an authority's request keeps them for the law ({@code legal-obligations}). The purposes resting on a legal obligation stay allowed too (the
 * person's own rights requests, Art. 12): the law is not set aside by a hold, as under a restriction.
 * Every other purpose (marketing first) is refused. Framework-free.
 */
record HoldPurposes(Map<LegalHolds.Kind, Set<String>> byKind, Set<String> always) {

    public HoldPurposes {
        byKind = Map.copyOf(byKind);
        always = Set.copyOf(always);
    }

    /** The purposes of the policy for each kind of hold; a purpose the policy lacks is left out ({@link #always} remains). */
    public static HoldPurposes of(Policy policy) {
        Map<LegalHolds.Kind, Set<String>> byKind = new EnumMap<>(LegalHolds.Kind.class);
        Map<LegalHolds.Kind, Set<String>> wanted = Map.of(LegalHolds.Kind.UNPAID_INVOICE, Set.of("unpaid-litigation", "billing"),
                LegalHolds.Kind.LITIGATION, Set.of("unpaid-litigation", "billing"), LegalHolds.Kind.ACCOUNTING_OBLIGATION,
                Set.of("legal-obligations"), LegalHolds.Kind.AUTHORITY_REQUEST, Set.of("legal-obligations"));
        wanted.forEach((kind, purposes) -> byKind.put(kind,
                Set.copyOf(purposes.stream().filter(p -> policy.purpose(p).isPresent()).toList())));
        Set<String> always = new TreeSet<>();
        policy.purposes().stream().filter(p -> p.legalBasis() == LegalBasis.LEGAL_OBLIGATION).forEach(p -> always.add(p.id()));
        return new HoldPurposes(byKind, always);
    }

    /** What a person kept by holds of these kinds may still be processed for. */
    public Set<String> purposes(Collection<LegalHolds.Kind> kinds) {
        Set<String> purposes = new TreeSet<>(always);
        kinds.stream().map(byKind::get).filter(Objects::nonNull).forEach(purposes::addAll);
        return purposes;
    }
}
