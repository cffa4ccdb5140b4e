package org.charte.retention.internal;

import java.util.List;
import org.charte.access.KeptForObligations;
import org.charte.commerce.CommerceRetention;
import org.charte.marketing.MarketingRetention;
import org.charte.policy.Policy;
import org.charte.retention.ErasedWithThePerson;
import org.charte.subjects.SubjectRetention;
import org.charte.support.SupportRetention;
import org.springframework.stereotype.Component;

/**
 * What erases a person in every module (their tickets, commercial records, marketing choices and identity, and what
 * modules depending on this one keep about them: {@link ErasedWithThePerson}), archives
 * what an obligation still covers, and limits a person only holds keep to those holds' purposes
 * (L4): what every {@link PersonStep} needs, for the runs and for one person's erasure alike.
 */
@Component
final class PersonErasers {

    private final SubjectRetention subjects;
    private final CommerceRetention commerce;
    private final SupportRetention support;
    private final MarketingRetention marketing;
    private final JdbcArchive archive;
    private final HoldPurposes holdPurposes;
    private final KeptForObligations kept;
    private final List<ErasedWithThePerson> others;

    PersonErasers(SubjectRetention subjects, CommerceRetention commerce, SupportRetention support, MarketingRetention marketing,
            JdbcArchive archive, Policy policy, KeptForObligations kept, List<ErasedWithThePerson> others) {
        this.marketing = marketing;
        this.subjects = subjects;
        this.commerce = commerce;
        this.support = support;
        this.archive = archive;
        this.holdPurposes = HoldPurposes.of(policy);
        this.kept = kept;
        this.others = List.copyOf(others);
    }

    /** What modules that depend on this one keep about a person and erase with them. */
    List<ErasedWithThePerson> others() {
        return others;
    }

    SubjectRetention subjects() {
        return subjects;
    }

    CommerceRetention commerce() {
        return commerce;
    }

    SupportRetention support() {
        return support;
    }

    MarketingRetention marketing() {
        return marketing;
    }

    JdbcArchive archive() {
        return archive;
    }

    HoldPurposes holdPurposes() {
        return holdPurposes;
    }

    KeptForObligations kept() {
        return kept;
    }
}
