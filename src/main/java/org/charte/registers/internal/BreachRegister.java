package org.charte.registers.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.AccountLockout;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.policy.CurrentPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The breach register (L6): records a breach, its assessments and notifications, each in its
 * history and the audit log; shuts out a compromised actor and finds the people whose data that
 * actor reached. The clock is {@link BreachClock}; the risk's consequences {@link BreachRisk}.
 */
@Service
class BreachRegister {

    static final int SHOWN = 500;
    static final int REFERENCE_MAX = 100;
    /** What "reached" means for the people to tell: their data read, exported or revealed (Art. 34). */
    static final Set<String> REACHING = Set.of("read", "export", "reveal-credentials");
    /** The most people one breach's list names; more is a breach to tell by public communication (Art. 34(3)(c)). */
    static final int PEOPLE_MAX = 10_000;

    /** The CNIL's form distinguishes the first notification from the complements sent after it (Art. 33(4)). */
    enum Notification { INITIAL, COMPLEMENTARY }

    private final JdbcBreaches rows;
    private final CurrentPolicy policy;
    private final AuditLog audit;
    private final AccountLockout lockout;
    private final Ids ids;
    private final Clock clock;

    BreachRegister(JdbcBreaches rows, CurrentPolicy policy, AuditLog audit, AccountLockout lockout, Ids ids, Clock clock) {
        this.rows = rows;
        this.policy = policy;
        this.audit = audit;
        this.lockout = lockout;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public Breach record(Actor dpo, BreachForm form) {
        BreachForm.Checked checked = form.check(policy.policy(), clock.instant());
        UUID id = ids.next();
        Instant now = clock.instant();
        rows.insert(id, checked, dpo.typedId(), now);
        rows.step(ids.next(), id, now, dpo.typedId(), "recorded", null, null);
        audited(dpo, "record-breach", id);
        return rows.find(id).orElseThrow();
    }

    @Transactional
    public Breach assess(Actor dpo, UUID id, @Nullable String risk, @Nullable String reasons) {
        List<FieldError> errors = new ArrayList<>();
        BreachRisk level = null;
        if (risk == null || risk.isBlank()) {
            errors.add(new FieldError("risk", "is required: none, risk or high"));
        } else {
            try {
                level = BreachRisk.valueOf(risk.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("risk", "must be none, risk or high"));
            }
        }
        String why = BreachForm.text(errors, "reasons", reasons, BreachForm.TEXT_MAX, TextInput.Kind.FREE_TEXT);
        InvalidInputException.throwIfAny(errors);
        locked(id);
        rows.assess(id, level, why);
        rows.step(ids.next(), id, clock.instant(), dpo.typedId(), "assessed", level, why);
        audited(dpo, "assess-breach", id);
        return rows.find(id).orElseThrow();
    }

    /** Records a notification to the CNIL made at {@code at} (now when null); the first stops the clock. */
    @Transactional
    public Breach notified(Actor dpo, UUID id, @Nullable String kind, @Nullable Instant at, @Nullable String reasonsForDelay,
            @Nullable String reference) {
        Breach breach = locked(id);
        List<FieldError> errors = new ArrayList<>();
        Notification notification = kind == null || kind.isBlank() ? (breach.notifiedAt() == null ? Notification.INITIAL
                : Notification.COMPLEMENTARY) : null;
        if (notification == null) {
            try {
                notification = Notification.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("kind", "must be initial or complementary"));
            }
        }
        if (notification == Notification.INITIAL && breach.notifiedAt() != null) {
            errors.add(new FieldError("kind", "the initial notification was already recorded: send a complementary one"));
        }
        if (notification == Notification.COMPLEMENTARY && breach.notifiedAt() == null) {
            errors.add(new FieldError("kind", "a complementary notification follows an initial one"));
        }
        if (breach.risk() == null || !breach.risk().notifyAuthority()) {
            errors.add(new FieldError("risk", "assess the breach as a risk or a high risk before notifying the CNIL"));
        }
        String delay = optional(errors, "reasonsForDelay", reasonsForDelay, BreachForm.TEXT_MAX, TextInput.Kind.FREE_TEXT);
        String ref = optional(errors, "cnilReference", reference, REFERENCE_MAX, TextInput.Kind.SINGLE_LINE);
        InvalidInputException.throwIfAny(errors);
        Instant when = at == null ? clock.instant() : at;
        if (notification == Notification.INITIAL) {
            breach.clock().checkNotification(when, clock.instant(), delay);
        }
        rows.notified(id, when, notification == Notification.INITIAL ? delay : null, ref);
        rows.step(ids.next(), id, clock.instant(), dpo.typedId(), notification == Notification.INITIAL ? "notified-initial"
                : "notified-complementary", null, delay);
        audited(dpo, "notify-breach", id);
        return rows.find(id).orElseThrow();
    }

    /**
     * The breach came through this actor (a member of staff or a token): shuts it out in one step
     * and keeps the window in which it is thought to have been misused, from which the people to
     * tell are found.
     */
    @Transactional
    public AccountLockout.Lockout compromised(Actor dpo, UUID id, @Nullable String kind, @Nullable UUID actorId,
            @Nullable Instant from, @Nullable Instant to) {
        List<FieldError> errors = new ArrayList<>();
        if (kind == null || !(kind.equals("staff") || kind.equals("token"))) {
            errors.add(new FieldError("actorKind", "must be staff or token"));
        }
        if (actorId == null) {
            errors.add(new FieldError("actorId", "is required"));
        }
        Instant end = to == null ? clock.instant() : to;
        if (from == null) {
            errors.add(new FieldError("from", "is required"));
        } else if (!from.isBefore(end)) {
            errors.add(new FieldError("from", "must be before the end of the window"));
        }
        if (end.isAfter(clock.instant())) {
            errors.add(new FieldError("to", "must not be in the future"));
        }
        InvalidInputException.throwIfAny(errors);
        locked(id);
        AccountLockout.Lockout done = "staff".equals(kind) ? lockout.lockStaff(actorId, dpo) : lockout.lockToken(actorId, dpo);
        rows.compromised(id, done.actor(), from, end);
        rows.step(ids.next(), id, clock.instant(), dpo.typedId(), "actor-locked", null, done.actor());
        audited(dpo, "lock-breach-actor", id);
        return done;
    }

    /** The people whose data the compromised actor read, exported or revealed in the breach's window, first reached first. */
    public List<UUID> peopleConcerned(UUID id) {
        Breach breach = find(id);
        if (breach.compromisedActor() == null || breach.windowFrom() == null || breach.windowTo() == null) {
            throw new InvalidInputException("compromisedActor", "name the compromised account or token and its window first");
        }
        return audit.subjectsReachedBy(breach.compromisedActor(), REACHING, breach.windowFrom(), breach.windowTo(), PEOPLE_MAX);
    }

    public Breach find(UUID id) {
        return rows.find(id).orElseThrow(UnknownBreachException::new);
    }

    public List<Breach> latest() {
        return rows.latest(SHOWN);
    }

    public List<Breach.Step> history(UUID id) {
        find(id);
        return rows.steps(id);
    }

    void step(Actor actor, UUID id, String kind, @Nullable String text) {
        rows.step(ids.next(), id, clock.instant(), actor.typedId(), kind, null, text);
    }

    Breach locked(UUID id) {
        return rows.locked(id).orElseThrow(UnknownBreachException::new);
    }

    void audited(Actor actor, String action, UUID id) {
        audit.append(AuditEvent.allowed(actor.typedId(), action, null, "breach", id.toString(), null, List.of()));
    }

    private static @Nullable String optional(List<FieldError> errors, String field, @Nullable String value, int max, TextInput.Kind kind) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = TextInput.problem(value, max, kind);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
        return value.strip();
    }
}
