package org.charte.commerce;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Plausible;
import org.jspecify.annotations.Nullable;

/**
 * Subscriptions to Gestan Cloud plans (policy §3.2, §3.5, §5). The first running subscription makes
 * a person an active client; terminating the last one makes them an inactive client and raises
 * {@link ContractTerminated}. Adults only: a subscription by someone under 18 that day is refused.
 */
public interface Subscriptions {

    /** A new subscription; without {@code startsOn} it starts the day it is taken. */
    record NewSubscription(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,39}", message = "must be a plan code: 2 to 40 capitals, digits, '-' or '_'")
            String planCode,
            @Nullable @Plausible LocalDate startsOn,
            @Nullable @Plausible LocalDate endsOn) {}

    /** Takes a subscription today (purpose {@code subscription-contract}, a new record: no grant needed). */
    Subscription subscribe(Actor actor, UUID subjectId, NewSubscription subscription);

    /**
     * Terminates a running subscription on a day (today when null; never in the future), which needs
     * a grant on the person for {@code subscription-contract}.
     */
    Subscription terminate(Actor actor, UUID subscriptionId, @Nullable LocalDate terminatedOn);

    List<Subscription> ofSubject(Actor actor, String purpose, UUID subjectId);

    Subscription find(Actor actor, String purpose, UUID subscriptionId);

    /**
     * The daily review of fixed-term contracts: an active client whose every subscription has
     * ended (by its end date or a termination) on {@code asOf} becomes an inactive client, as of
     * the day the last one ended. Each subscription that ran out is announced once by
     * {@link ContractTerminated} as of its end date. A system job, run as of any
     * day; returns how many people changed.
     */
    int endExpiredContracts(LocalDate asOf);

    /**
     * Who holds a subscription and whether it was terminated: ids and dates only, for a system
     * that must link its own records to a subscription (hosting provisions a database for it) and
     * reads nothing else of the person. No decision involved; the caller records what it does.
     */
    Optional<Holder> holder(UUID subscriptionId);

    /** A subscription's holder and dates, without the plan or anything else. */
    record Holder(UUID subscriptionId, UUID subjectId, LocalDate subscribedOn, @Nullable LocalDate terminatedOn) {}

    /** The codes of the plans one may subscribe to, as segments and statistics name them. */
    List<String> planCodes();

    /** How many people hold or held a subscription to each plan (a person counts once per plan): an aggregate, no personal data (R4.2). */
    Map<String, Long> peopleByPlan();
}
