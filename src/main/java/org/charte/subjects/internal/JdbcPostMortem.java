package org.charte.subjects.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.ResourceRef;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.PlausibleDate;
import org.charte.common.TextInput;
import org.charte.common.Zones;
import org.charte.subjects.DeathNotified;
import org.charte.subjects.PostMortem;
import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveDataScreen.Handling;
import org.charte.subjects.UnknownSubjectException;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Directives in {@code post_mortem_directive} (trusted person and text sealed under the person's
 * key), deaths in {@code death_notification}, what is left to do in {@code post_mortem_action}.
 */
@Service
class JdbcPostMortem implements PostMortem {

    static final String PURPOSE = "rights-requests";
    static final int TEXT_MAX = 10_000;
    private static final String TRUSTED_FIELD = "post-mortem-trusted-person";
    private static final String TEXT_FIELD = "post-mortem-text";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M}' .-]{0,199}");

    private final JdbcClient jdbc;
    private final Vault vault;
    private final AccessDecisions decisions;
    private final ProcessingRestrictions restrictions;
    private final WordListScreen screen;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;

    JdbcPostMortem(JdbcClient jdbc, Vault vault, AccessDecisions decisions, ProcessingRestrictions restrictions, WordListScreen screen,
            ApplicationEventPublisher events, Ids ids, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.decisions = decisions;
        this.restrictions = restrictions;
        this.screen = screen;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    // --- directives -------------------------------------------------------------------------------

    @Override
    public Version record(Actor actor, UUID subjectId, NewDirectives directives) {
        known(subjectId);
        List<FieldError> errors = new ArrayList<>();
        if (directives == null || directives.choice() == null) {
            throw new InvalidInputException("choice", "must be erase-all, communicate-to-trusted-person or keep-as-required-by-law");
        }
        TrustedPerson trusted = trusted(directives.trustedPerson(), errors);
        if (directives.choice() == Choice.COMMUNICATE_TO_TRUSTED_PERSON && directives.trustedPerson() == null) {
            errors.add(new FieldError("trustedPerson", "is required to communicate the data to a trusted person"));
        }
        String text = directives.text() == null || directives.text().isBlank() ? null : directives.text().strip();
        TextInput.freeText(errors, "text", text, TEXT_MAX);
        InvalidInputException.throwIfAny(errors);
        Screening screening = text == null ? new Screening(Set.of(), "") : screen.screen(text, true);
        String stored = text == null ? null : screening.redacted();
        decisions.require(new AccessRequest(actor, PURPOSE, AccessRequest.Action.CREATE, Set.of("other-information"), ResourceRef.subject(subjectId)));
        UUID id = ids.next();
        transaction.executeWithoutResult(tx -> {
            // The previous version's row lock keeps two recordings from taking the same number.
            Integer last = jdbc.sql("SELECT MAX(version) FROM post_mortem_directive WHERE subject_id = ?").param(subjectId)
                    .query(Integer.class).optional().orElse(null);
            jdbc.sql("UPDATE post_mortem_directive SET superseded_at = ? WHERE subject_id = ? AND superseded_at IS NULL")
                    .params(now(), subjectId).update();
            jdbc.sql("""
                    INSERT INTO post_mortem_directive (id, subject_id, version, choice, trusted_party, text, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, subjectId, last == null ? 1 : last + 1, directives.choice().name(),
                            trusted == null ? null : vault.seal(subjectId, TRUSTED_FIELD, JSON.writeValueAsBytes(trusted)),
                            stored == null ? null : vault.seal(subjectId, TEXT_FIELD, stored.getBytes(StandardCharsets.UTF_8)),
                            now(), actor.typedId())
                    .update();
        });
        if (!screening.clean()) {
            screen.record(screening, Handling.REDACTED, actor.typedId(), "post-mortem-directive", id.toString(), subjectId);
        }
        return history(subjectId).getFirst();
    }

    private static @Nullable TrustedPerson trusted(@Nullable TrustedPerson in, List<FieldError> errors) {
        if (in == null) {
            return null;
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("trustedPerson.name", "is required: letters, spaces, apostrophes and hyphens, at most 200"));
        }
        String email = null;
        if (in.email() != null && !in.email().isBlank()) {
            email = PersonalDataRules.normalisedEmail(in.email());
            if (email == null) {
                errors.add(new FieldError("trustedPerson.email", "is not a valid e-mail address"));
            }
        }
        String address = in.postalAddress() == null || in.postalAddress().isBlank() ? null : in.postalAddress().strip();
        TextInput.freeText(errors, "trustedPerson.postalAddress", address, 500);
        if (email == null && address == null) {
            errors.add(new FieldError("trustedPerson.email", "give an e-mail or a postal address to reach the trusted person"));
        }
        return new TrustedPerson(name, email, address);
    }

    @Override
    public Optional<Directives> current(Actor actor, UUID subjectId) {
        known(subjectId);
        decisions.require(new AccessRequest(actor, PURPOSE, AccessRequest.Action.READ, Set.of("other-information"), ResourceRef.subject(subjectId)));
        return jdbc.sql("""
                SELECT id, version, choice, trusted_party, text, recorded_at, recorded_by FROM post_mortem_directive
                WHERE subject_id = ? AND superseded_at IS NULL""").param(subjectId)
                .query((rs, n) -> {
                    byte[] trusted = rs.getBytes("trusted_party");
                    byte[] text = rs.getBytes("text");
                    return new Directives(rs.getObject("id", UUID.class), subjectId, rs.getInt("version"), Choice.valueOf(rs.getString("choice")),
                            trusted == null ? null : JSON.readValue(vault.open(subjectId, TRUSTED_FIELD, trusted), TrustedPerson.class),
                            text == null ? null : new String(vault.open(subjectId, TEXT_FIELD, text), StandardCharsets.UTF_8),
                            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"));
                }).optional();
    }

    @Override
    public List<Version> history(UUID subjectId) {
        return jdbc.sql("""
                SELECT id, version, choice, recorded_at, recorded_by, superseded_at FROM post_mortem_directive
                WHERE subject_id = ? ORDER BY version DESC""").param(subjectId)
                .query((rs, n) -> {
                    OffsetDateTime superseded = rs.getObject("superseded_at", OffsetDateTime.class);
                    return new Version(rs.getObject("id", UUID.class), rs.getInt("version"), Choice.valueOf(rs.getString("choice")),
                            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"),
                            superseded == null ? null : superseded.toInstant());
                }).list();
    }

    // --- death ----------------------------------------------------------------------------------

    @Override
    public Notified notifyDeath(Actor actor, UUID subjectId, DeathNotice notice) {
        known(subjectId);
        List<FieldError> errors = new ArrayList<>();
        if (notice == null || notice.diedOn() == null) {
            errors.add(new FieldError("diedOn", "is required"));
        } else if (PlausibleDate.check(errors, "diedOn", notice.diedOn())
                && notice.diedOn().isAfter(LocalDate.now(clock.withZone(Zones.PARIS)))) {
            errors.add(new FieldError("diedOn", "must not be in the future"));
        }
        if (notice == null || notice.source() == null) {
            errors.add(new FieldError("source", "must be family, notary, civil-registry, trusted-person or other"));
        }
        InvalidInputException.throwIfAny(errors);
        if (deceasedOn(subjectId).isPresent()) {
            throw new InvalidInputException("subjectId", "a death is already recorded for this person");
        }
        decisions.require(new AccessRequest(actor, PURPOSE, AccessRequest.Action.CREATE, Set.of("identity"), ResourceRef.subject(subjectId)));
        return transaction.execute(tx -> {
            Version directive = history(subjectId).stream().filter(v -> v.supersededAt() == null).findFirst().orElse(null);
            Choice choice = directive == null ? null : directive.choice();
            jdbc.sql("""
                    INSERT INTO death_notification (subject_id, died_on, source, directive, notified_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(subjectId, notice.diedOn(), notice.source().name(), choice == null ? null : choice.name(), now(), actor.typedId())
                    .update();
            restrictions.restrict(subjectId, ProcessingRestrictions.Reason.DECEASED, "death-notification", actor.typedId());
            List<ActionKind> kinds = switch (choice) {
                case null -> List.of(ActionKind.NO_DIRECTIVES);
                case ERASE_ALL -> List.of(ActionKind.ERASURE);
                case COMMUNICATE_TO_TRUSTED_PERSON -> List.of(ActionKind.COMMUNICATION_TO_TRUSTED_PERSON, ActionKind.ERASURE);
                case KEEP_AS_REQUIRED_BY_LAW -> List.of(ActionKind.KEEP_AS_REQUIRED_BY_LAW);
            };
            for (ActionKind kind : kinds) {
                jdbc.sql("INSERT INTO post_mortem_action (id, subject_id, kind, status, directive_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(ids.next(), subjectId, kind.name(), ActionStatus.PENDING.name(), directive == null ? null : directive.id(), now())
                        .update();
            }
            events.publishEvent(new DeathNotified(subjectId, notice.diedOn(), choice));
            return new Notified(subjectId, notice.diedOn(), choice, actions(subjectId));
        });
    }

    @Override
    public void withdrawDeath(UUID subjectId, String by) {
        if (by == null || !ACTOR.matcher(by).matches()) {
            throw new InvalidInputException("by", "must be a typed id such as staff:<uuid>, or system");
        }
        transaction.executeWithoutResult(tx -> {
            if (jdbc.sql("DELETE FROM death_notification WHERE subject_id = ?").param(subjectId).update() == 0) {
                throw new InvalidInputException("subjectId", "no death is recorded for this person");
            }
            jdbc.sql("DELETE FROM post_mortem_action WHERE subject_id = ? AND status = ?").params(subjectId, ActionStatus.PENDING.name()).update();
            if (restrictions.current(subjectId).filter(r -> r.reason() == ProcessingRestrictions.Reason.DECEASED).isPresent()) {
                restrictions.lift(subjectId, "death-not-confirmed", by);
            }
        });
    }

    @Override
    public Optional<LocalDate> deceasedOn(UUID subjectId) {
        return jdbc.sql("SELECT died_on FROM death_notification WHERE subject_id = ?").param(subjectId).query(LocalDate.class).optional();
    }

    @Override
    public List<Action> pendingActions() {
        return jdbc.sql(ACTIONS + " WHERE status = 'PENDING' ORDER BY created_at, id").query(JdbcPostMortem::action).list();
    }

    @Override
    public List<Action> actions(UUID subjectId) {
        return jdbc.sql(ACTIONS + " WHERE subject_id = ? ORDER BY created_at, id").param(subjectId).query(JdbcPostMortem::action).list();
    }

    private static final Pattern ACTOR = Pattern.compile("system|[a-z][a-z-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Override
    public Action complete(UUID actionId, String by) {
        if (by == null || !ACTOR.matcher(by).matches()) {
            throw new InvalidInputException("by", "must be a typed id such as staff:<uuid>, or system");
        }
        return transaction.execute(tx -> {
            Action action = jdbc.sql(ACTIONS + " WHERE id = ?").param(actionId).query(JdbcPostMortem::action).optional()
                    .orElseThrow(() -> new InvalidInputException("id", "no such action"));
            if (action.status() == ActionStatus.DONE) {
                throw new InvalidInputException("id", "this action is already done");
            }
            jdbc.sql("UPDATE post_mortem_action SET status = ?, done_at = ?, done_by = ? WHERE id = ?")
                    .params(ActionStatus.DONE.name(), now(), by, actionId).update();
            return jdbc.sql(ACTIONS + " WHERE id = ?").param(actionId).query(JdbcPostMortem::action).single();
        });
    }

    private static final String ACTIONS = "SELECT id, subject_id, kind, status, directive_id, created_at, done_at, done_by FROM post_mortem_action";

    private static Action action(ResultSet rs, int n) throws SQLException {
        OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
        return new Action(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class), ActionKind.valueOf(rs.getString("kind")),
                ActionStatus.valueOf(rs.getString("status")), rs.getObject("directive_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), done == null ? null : done.toInstant(), rs.getString("done_by"));
    }

    private void known(UUID subjectId) {
        if (subjectId == null || jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(subjectId).query(Long.class).single() == 0) {
            throw new UnknownSubjectException();
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
