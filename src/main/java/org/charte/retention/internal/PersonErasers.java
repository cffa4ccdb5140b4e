package org.charte.retention.internal;

import org.charte.access.KeptForObligations;
import org.charte.commerce.CommerceRetention;
import org.charte.marketing.MarketingRetention;
import org.charte.policy.Policy;
import org.charte.subjects.SubjectRetention;
import org.charte.support.SupportRetention;
import org.springframework.stereotype.Component;

/**
 * What erases a person in every module (their tickets, commercial records, marketing choices and identity), archives
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

    PersonErasers(SubjectRetention subjects, CommerceRetention commerce, SupportRetention support, MarketingRetention marketing,
            JdbcArchive archive, Policy policy, KeptForObligations kept) {
        this.marketing = marketing;
        this.subjects = subjects;
        this.commerce = commerce;
        this.support = support;
        this.archive = archive;
        this.holdPurposes = HoldPurposes.of(policy);
        this.kept = kept;
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
