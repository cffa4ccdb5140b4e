package org.charte.cookies.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.cookies.BrowserFamily;
import org.charte.cookies.ChoiceMethod;
import org.charte.cookies.PrivacySignals;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The proof of every cookie choice (L3, R9.11): checked against the banner in force (its version,
 * its purposes, each answered), turned into a refusal when a privacy signal says so
 * ({@link PrivacySignals}), stored with the server's time, a coarse browser family and no IP
 * address, and acknowledged only once committed. A choice refusing audience measurement erases, in the
 * same transaction, the navigation data collected under that consent id (R3.4, L8).
 */
@Service
class ConsentRecords {

    /** The most proofs one consent id answers with. */
    static final int READ_LIMIT = 500;

    /** A choice as posted, checked for shape by the API. */
    record Submission(UUID consentId, String bannerVersion, ChoiceMethod method, String site, String language, Map<String, Boolean> choices) {}

    private final JdbcConsentRecords rows;
    private final ConsentWriter writer;
    private final ConsentBanner banner;
    private final Ids ids;
    private final InputChecks checks;
    private final PrivacySignals signals;

    ConsentRecords(JdbcConsentRecords rows, ConsentWriter writer, ConsentBanner banner, Ids ids, InputChecks checks) {
        this.rows = rows;
        this.writer = writer;
        this.banner = banner;
        this.ids = ids;
        this.checks = checks;
        this.signals = banner.signals();
    }

    /**
     * Records a choice; the returned row is committed when this returns (with others, by the
     * {@link ConsentWriter}'s group commit: no transaction or connection is held here meanwhile).
     *
     * @throws InvalidInputException when it names another banner or does not answer each of its purposes exactly
     * @throws ConsentWriter.NotRecordedException when the batch it was written in failed: it is not stored
     */
    JdbcConsentRecords.Row record(Submission submission, @Nullable String userAgent, @Nullable String secGpc, @Nullable String dnt) {
        List<FieldError> errors = new ArrayList<>();
        if (!submission.bannerVersion().equals(banner.version().value())) {
            errors.add(new FieldError("bannerVersion", "is not the version of the banner in force: reload the script"));
        }
        for (String purpose : banner.purposes()) {
            if (!submission.choices().containsKey(purpose)) {
                errors.add(new FieldError("choices." + purpose, "is required: true or false"));
            }
        }
        for (String purpose : submission.choices().keySet()) {
            if (!banner.purposes().contains(purpose)) {
                errors.add(new FieldError("choices", "names a purpose the banner does not ask about"));
                break;
            }
        }
        InvalidInputException.throwIfAny(errors);
        Map<String, Boolean> ordered = new LinkedHashMap<>();
        banner.purposes().forEach(p -> ordered.put(p, submission.choices().get(p)));
        PrivacySignals.Recorded recorded = signals.apply(submission.method(), ordered, secGpc, dnt);
        var row = new JdbcConsentRecords.Row(ids.next(), submission.consentId(), submission.bannerVersion(), recorded.method().code(),
                submission.site(), submission.language(), BrowserFamily.of(userAgent).code(), checks.now(), recorded.choices());
        writer.write(row); // a refusal of audience measurement erases the consent id's navigation events in the same commit
        return row;
    }

    @Transactional(readOnly = true)
    List<JdbcConsentRecords.Row> of(UUID consentId) {
        return rows.byConsentId(consentId, READ_LIMIT);
    }

    /** What a banner version showed, as kept the first time it was served (empty if it never was, on this database). */
    @Transactional(readOnly = true)
    Optional<JdbcConsentRecords.KeptBanner> shown(String bannerVersion) {
        return rows.banner(bannerVersion);
    }
}
