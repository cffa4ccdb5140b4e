package org.charte.commerce.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.commerce.ContractTerminated;
import org.charte.commerce.Subscription;
import org.charte.commerce.SubscriptionStarted;
import org.charte.commerce.Subscriptions;
import org.charte.commerce.UnknownRecordException;
import org.charte.common.Ids;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.PlausibleDate;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcSubscriptions implements Subscriptions {

    static final String PURPOSE = "subscription-contract";
    static final String MINOR = "refused: the subscriber must be 18 or older on the day of subscription (policy §3.5); "
            + "a person without a recorded birth date cannot subscribe";

    private final JdbcClient jdbc;
    private final Checks checks;
    private final InputChecks inputs;
    private final Subjects subjects;
    private final Ids ids;
    private final ApplicationEventPublisher events;

    JdbcSubscriptions(JdbcClient jdbc, Checks checks, InputChecks inputs, Subjects subjects, Ids ids, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.inputs = inputs;
        this.subjects = subjects;
        this.ids = ids;
        this.events = events;
    }

    @Override
    @Transactional
    public Subscription subscribe(Actor actor, UUID subjectId, NewSubscription subscription) {
        List<FieldError> errors = inputs.violations(subscription);
        LocalDate today = inputs.today();
        if (errors.isEmpty() && Plans.find(subscription.planCode()).isEmpty()) {
            errors.add(new FieldError("planCode", "is not a Gestan Cloud plan: one of " + Plans.codes()));
        }
        if (errors.isEmpty()) {
            LocalDate startsOn = subscription.startsOn() == null ? today : subscription.startsOn();
            if (startsOn.isBefore(today)) {
                errors.add(new FieldError("startsOn", "must be today or later"));
            }
            if (subscription.endsOn() != null && !subscription.endsOn().isAfter(startsOn)) {
                errors.add(new FieldError("endsOn", "must be after the start"));
            }
        }
        InputChecks.throwIfAny(errors);
        checks.subjectExists(subjectId);
        // The adult check reads the birth date: identity is among the categories decided on.
        checks.require(actor, PURPOSE, Action.CREATE, Set.of("subscriptions", "identity"), subjectId);
        lockSubscriptionsOf(subjectId);
        if (!subjects.isAdultOn(subjectId, today)) {
            throw new InvalidInputException("subjectId", MINOR);
        }
        UUID id = ids.next();
        LocalDate startsOn = subscription.startsOn() == null ? today : subscription.startsOn();
        jdbc.sql("""
                INSERT INTO subscription (id, subject_id, plan_code, subscribed_on, starts_on, ends_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, subjectId, subscription.planCode(), today, startsOn, subscription.endsOn(), inputs.now())
                .update();
        if (subjects.status(subjectId).orElseThrow() != SubjectStatus.CLIENT_ACTIVE) {
            subjects.becameClient(subjectId, today); // prospect (or former client) -> active client
        } else {
            subjects.recordContact(subjectId, today);
        }
        events.publishEvent(new SubscriptionStarted(id, subjectId, today, startsOn));
        return load(id, today);
    }

    @Override
    @Transactional
    public Subscription terminate(Actor actor, UUID subscriptionId, @Nullable LocalDate terminatedOn) {
        LocalDate today = inputs.today();
        LocalDate on = terminatedOn == null ? today : terminatedOn;
        List<FieldError> errors = new ArrayList<>();
        PlausibleDate.check(errors, "terminatedOn", on);
        InputChecks.notInFuture(errors, "terminatedOn", on, today);
        InputChecks.throwIfAny(errors);
        Subscription subscription = load(subscriptionId, today);
        checks.require(actor, PURPOSE, Action.WRITE, Set.of("subscriptions"), subscription.subjectId());
        lockSubscriptionsOf(subscription.subjectId());
        subscription = load(subscriptionId, today);
        if (subscription.status() != Subscription.Status.RUNNING) {
            throw new InvalidInputException("id", "the subscription is already " + subscription.status().name().toLowerCase(Locale.ROOT));
        }
        if (on.isBefore(subscription.subscribedOn())) {
            throw new InvalidInputException("terminatedOn", "must not be before the day the subscription was taken");
        }
        jdbc.sql("UPDATE subscription SET terminated_on = ? WHERE id = ?").params(on, subscriptionId).update();
        boolean othersRunning = jdbc.sql("""
                SELECT COUNT(*) FROM subscription
                WHERE subject_id = ? AND id <> ? AND terminated_on IS NULL AND (ends_on IS NULL OR ends_on >= ?)""")
                .params(subscription.subjectId(), subscriptionId, today).query(Long.class).single() > 0;
        if (!othersRunning) {
            subjects.contractsEnded(subscription.subjectId(), on); // the last contract: an inactive client
        }
        events.publishEvent(new ContractTerminated(subscriptionId, subscription.subjectId(), on));
        return load(subscriptionId, today);
    }

    @Override
    public List<Subscription> ofSubject(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, Set.of("subscriptions"), subjectId);
        LocalDate today = inputs.today();
        return jdbc.sql(SELECT + " WHERE subject_id = ? ORDER BY subscribed_on, id").param(subjectId)
                .query((rs, n) -> row(rs, today)).list();
    }

    @Override
    public Subscription find(Actor actor, String purpose, UUID subscriptionId) {
        LocalDate today = inputs.today();
        Subscription subscription = load(subscriptionId, today);
        checks.requireRead(actor, purpose, Set.of("subscriptions"), subscription.subjectId());
        return subscription;
    }

    @Override
    @Transactional
    public int endExpiredContracts(LocalDate asOf) {
        // Fixed-term subscriptions that ran out: announced once, as of their end date, as a termination
        // is (hosting schedules the database's destruction from it, R5.5).
        record RanOut(UUID id, UUID subjectId, LocalDate endsOn) {}
        List<RanOut> ranOut = jdbc.sql("""
                SELECT id, subject_id, ends_on FROM subscription
                WHERE terminated_on IS NULL AND ends_on < ? AND end_announced = FALSE""")
                .param(asOf)
                .query((rs, n) -> new RanOut(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class))).list();
        for (RanOut subscription : ranOut) {
            if (jdbc.sql("UPDATE subscription SET end_announced = TRUE WHERE id = ? AND end_announced = FALSE").param(subscription.id()).update() == 1) {
                events.publishEvent(new ContractTerminated(subscription.id(), subscription.subjectId(), subscription.endsOn()));
            }
        }
        record Ended(UUID subjectId, LocalDate endedOn) {}
        // People none of whose subscriptions runs any more on asOf, with the day the last one ended.
        List<Ended> candidates = jdbc.sql("""
                SELECT subject_id, MAX(COALESCE(terminated_on, ends_on)) AS ended_on FROM subscription
                GROUP BY subject_id
                HAVING SUM(CASE WHEN terminated_on IS NULL AND (ends_on IS NULL OR ends_on >= ?) THEN 1 ELSE 0 END) = 0""")
                .param(asOf)
                .query((rs, n) -> new Ended(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class))).list();
        int changed = 0;
        for (Ended ended : candidates) {
            if (subjects.status(ended.subjectId()).orElse(null) == SubjectStatus.CLIENT_ACTIVE) {
                lockSubscriptionsOf(ended.subjectId());
                subjects.contractsEnded(ended.subjectId(), ended.endedOn());
                changed++;
            }
        }
        return changed;
    }

    @Override
    public Optional<Holder> holder(UUID subscriptionId) {
        return jdbc.sql("SELECT id, subject_id, subscribed_on, terminated_on FROM subscription WHERE id = ?").param(subscriptionId)
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
                .optional();
    }

    /** Lifecycle changes of one person happen one at a time (first subscription, last termination). */
    private void lockSubscriptionsOf(UUID subjectId) {
        jdbc.sql("SELECT id FROM subscription WHERE subject_id = ? FOR UPDATE").param(subjectId).query(UUID.class).list();
    }

    private static final String SELECT = "SELECT id, subject_id, plan_code, subscribed_on, starts_on, ends_on, terminated_on FROM subscription";

    private Subscription load(UUID id, LocalDate today) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query((rs, n) -> row(rs, today)).optional()
                .orElseThrow(() -> new UnknownRecordException("id", "no such subscription"));
    }

    private static Subscription row(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate endsOn = rs.getObject("ends_on", LocalDate.class);
        LocalDate terminatedOn = rs.getObject("terminated_on", LocalDate.class);
        return new Subscription(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class), rs.getString("plan_code"),
                rs.getObject("subscribed_on", LocalDate.class), rs.getObject("starts_on", LocalDate.class), endsOn, terminatedOn,
                Subscription.statusOn(endsOn, terminatedOn, today));
    }

    @Override
    public List<String> planCodes() {
        return Plans.ALL.stream().map(Plans.Plan::code).toList();
    }

    @Override
    public Map<String, Long> peopleByPlan() {
        Map<String, Long> people = new TreeMap<>();
        for (String code : planCodes()) {
            people.put(code, 0L);
        }
        jdbc.sql("SELECT plan_code, COUNT(DISTINCT subject_id) FROM subscription GROUP BY plan_code")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().forEach(e -> people.put(e.getKey(), e.getValue()));
        return people;
    }
}
