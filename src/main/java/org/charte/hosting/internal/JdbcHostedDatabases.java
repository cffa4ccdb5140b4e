package org.charte.hosting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.commerce.ClientAccounts;
import org.charte.commerce.Subscriptions;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.Zones;
import org.charte.hosting.ClientRefusedException;
import org.charte.hosting.DestructionCertificate;
import org.charte.hosting.DestructionNotDueException;
import org.charte.hosting.DestructionSchedule;
import org.charte.hosting.ExportClosedException;
import org.charte.hosting.HostedDatabase;
import org.charte.hosting.HostedDatabaseDestruction;
import org.charte.hosting.HostedDatabases;
import org.charte.hosting.SignedCertificate;
import org.charte.hosting.UnknownHostedDatabaseException;
import org.charte.mail.Destination;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Passage;
import org.charte.policy.Policy;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hosted databases: the rows in {@code hosted_database}, and the schemas and logins they describe
 * in their store. Each step that touches a person's hosted data asks the decision point (staff) or
 * checks the client's own account (client), and the audit log records it.
 */
@Service
class JdbcHostedDatabases implements HostedDatabases, HostedDatabaseDestruction {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcHostedDatabases.class);
    static final String CLIENT_PURPOSE = "subscription-contract";
    private static final String RESOURCE = "hosted-database";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,99}");
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final JdbcClient jdbc;
    private final Stores stores;
    private final Policy policy;
    private final Vault vault;
    private final AccessDecisions decisions;
    private final AuditLog audit;
    private final DoorOut door;
    private final ClientAccounts clients;
    private final Subscriptions subscriptions;
    private final Ids ids;
    private final Clock clock;
    private final JdbcDestructionCertificates certificates;
    private final JdbcClientAttempts attempts;
    private final SecureRandom random = new SecureRandom();

    JdbcHostedDatabases(JdbcClient jdbc, Stores stores, Policy policy, Vault vault, AccessDecisions decisions, AuditLog audit,
            ClientAccounts clients, Subscriptions subscriptions, Ids ids, Clock clock, JdbcDestructionCertificates certificates,
            JdbcClientAttempts attempts, DoorOut door) {
        this.door = door;
        this.jdbc = jdbc;
        this.stores = stores;
        this.policy = policy;
        this.vault = vault;
        this.decisions = decisions;
        this.audit = audit;
        this.clients = clients;
        this.subscriptions = subscriptions;
        this.ids = ids;
        this.clock = clock;
        this.certificates = certificates;
        this.attempts = attempts;
    }

    // --- Provisioning (R3.3, R7.1) -------------------------------------------------------------------

    @Override
    @Transactional
    public HostedDatabase provision(@Nullable Actor actor, UUID subscriptionId, String storeId) {
        StoreLocations.Placement placement = StoreLocations.place(policy.storage(), stores.locations(), storeId);
        if (subscriptionId == null) {
            throw new InvalidInputException("subscriptionId", "name the subscription the database is for");
        }
        Subscriptions.Holder holder = subscriptions.holder(subscriptionId)
                .orElseThrow(() -> new InvalidInputException("subscriptionId", "no such subscription"));
        if (holder.terminatedOn() != null) {
            throw new InvalidInputException("subscriptionId", "the subscription is terminated: no database is provisioned for it");
        }
        if (ofSubscription(subscriptionId).isPresent()) {
            throw new InvalidInputException("subscriptionId", "this subscription already has a hosted database");
        }
        UUID id = ids.next();
        Dialect dialect = stores.dialect(placement.storeId());
        String name = dialect.nameFor(id);
        String password = newPassword();
        JdbcTemplate admin = stores.admin(placement.storeId());
        // On the platform's PostgreSQL, DDL is part of this transaction: a failure leaves nothing behind.
        boolean atomic = stores.isPlatform(placement.storeId()) && dialect == Dialect.POSTGRESQL;
        try {
            dialect.create(admin, name, password, today());
            jdbc.sql("""
                    INSERT INTO hosted_database (id, subscription_id, subject_id, store_id, location, schema_name, status, credentials,
                        provisioned_at, provisioned_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, subscriptionId, holder.subjectId(), placement.storeId(), placement.location(), name,
                            HostedDatabase.Status.ACTIVE.name(), vault.sealSecret(context(id), password.getBytes(StandardCharsets.UTF_8)),
                            now(), actor == null ? "system" : actor.typedId())
                    .update();
        } catch (RuntimeException e) {
            if (!atomic) {
                try {
                    dialect.drop(admin, name);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        audit.append(AuditEvent.allowed(actor == null ? "system" : actor.typedId(), "provision", CLIENT_PURPOSE, RESOURCE, id.toString(),
                holder.subjectId(), List.of("hosted-credentials", "hosted-data")));
        LOG.info("hosted database {} provisioned in store {} ({})", id, placement.storeId(), placement.location());
        return find(id);
    }

    private String newPassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }

    private static String context(UUID id) {
        return "hosted-database:" + id;
    }

    // --- Reading -----------------------------------------------------------------------------------

    private record Row(HostedDatabase database, UUID subjectId, byte @Nullable [] credentials, @Nullable String retentionRule,
            @Nullable String retentionDuration) {}

    private static final String SELECT = """
            SELECT d.id, d.subscription_id, d.subject_id, d.store_id, d.location, d.schema_name, d.status, d.credentials, d.provisioned_at,
                d.terminated_on, d.destruction_due_on, d.destroyed_at, d.certificate_id, d.retention_rule, d.retention_duration,
                (SELECT e.sha256 FROM hosted_database_export e WHERE e.hosted_database_id = d.id
                    ORDER BY e.exported_at DESC, e.id DESC FETCH FIRST 1 ROWS ONLY) AS final_export
            FROM hosted_database d""";

    private static Row row(ResultSet rs) throws SQLException {
        OffsetDateTime destroyedAt = rs.getObject("destroyed_at", OffsetDateTime.class);
        HostedDatabase database = new HostedDatabase(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                rs.getString("store_id"), rs.getString("location"), rs.getString("schema_name"),
                HostedDatabase.Status.valueOf(rs.getString("status")), rs.getObject("provisioned_at", OffsetDateTime.class).toInstant(),
                rs.getObject("terminated_on", LocalDate.class), rs.getObject("destruction_due_on", LocalDate.class),
                destroyedAt == null ? null : destroyedAt.toInstant(), rs.getObject("certificate_id", UUID.class), rs.getString("final_export"));
        return new Row(database, rs.getObject("subject_id", UUID.class), rs.getBytes("credentials"), rs.getString("retention_rule"),
                rs.getString("retention_duration"));
    }

    private Optional<Row> load(UUID id, boolean lock) {
        if (lock) {
            jdbc.sql("SELECT id FROM hosted_database WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
        }
        return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    private Row existing(UUID id) {
        return load(id, false).orElseThrow(() -> new UnknownHostedDatabaseException("id", "no such hosted database"));
    }

    @Override
    public HostedDatabase find(UUID id) {
        return existing(id).database();
    }

    @Override
    public Optional<HostedDatabase> ofSubscription(UUID subscriptionId) {
        return jdbc.sql(SELECT + " WHERE d.subscription_id = ?").param(subscriptionId).query((rs, n) -> row(rs).database()).optional();
    }

    @Override
    public List<HostedDatabase> ofClient(UUID subjectId) {
        return jdbc.sql(SELECT + " WHERE d.subject_id = ? AND d.status <> ? ORDER BY d.provisioned_at, d.id")
                .params(subjectId, HostedDatabase.Status.DESTROYED.name()).query((rs, n) -> row(rs).database()).list();
    }

    // --- Credentials (R3.3) ------------------------------------------------------------------------

    @Override
    public Credentials revealCredentials(Actor actor, @Nullable String purpose, UUID id) {
        Row row = existing(id);
        decisions.requireNamedPurpose(actor, purpose, Action.REVEAL_CREDENTIALS,
                Set.of("hosted-credentials"), ResourceRef.hostedDatabase(id));
        if (row.database().status() == HostedDatabase.Status.DESTROYED || row.credentials() == null) {
            throw new ExportClosedException("the hosted database was destroyed: its login no longer exists");
        }
        return new Credentials(id, stores.clientUrl(row.database().storeId()), row.database().schemaName(), row.database().schemaName(),
                new String(vault.openSecret(context(id), row.credentials()), StandardCharsets.UTF_8));
    }

    // --- Exports (R5.5) ----------------------------------------------------------------------------

    @Override
    public Export export(Actor actor, @Nullable String purpose, UUID id) {
        Row row = existing(id);
        decisions.requireNamedPurpose(actor, purpose, Action.EXPORT, Set.of("hosted-data"),
                ResourceRef.hostedDatabase(id));
        return exportOf(row, actor.typedId(), Objects.requireNonNull(purpose).strip());
    }

    @Override
    public Export exportForClient(UUID id, @Nullable String accessCode, @Nullable String password) {
        Row row = clientSignedIn(id, accessCode, password);
        UUID client = row.subjectId();
        Export export = exportOf(row, "subject:" + client, CLIENT_PURPOSE);
        audit.append(AuditEvent.allowed("subject:" + client, "export", CLIENT_PURPOSE, RESOURCE, id.toString(), client,
                List.of("hosted-data")));
        return export;
    }

    @Override
    public ClientView signInClient(UUID id, @Nullable String accessCode, @Nullable String password) {
        HostedDatabase database = clientSignedIn(id, accessCode, password).database();
        return new ClientView(database.id(), database.status(), database.status() == HostedDatabase.Status.DESTROYED ? null
                : database.destructionDueOn());
    }

    /**
     * The client's proof (their customer account's access code and password) checked against the
     * database's client, counted and locked by {@link ClientAttempts}' rule across nodes; the row.
     */
    private Row clientSignedIn(UUID id, @Nullable String accessCode, @Nullable String password) {
        List<InvalidInputException.FieldError> missing = new ArrayList<>();
        if (accessCode == null || accessCode.isBlank()) {
            missing.add(new InvalidInputException.FieldError("accessCode", "give your customer account's access code"));
        }
        if (password == null || password.isEmpty()) {
            missing.add(new InvalidInputException.FieldError("password", "give your customer account's password"));
        }
        InvalidInputException.throwIfAny(missing);
        if (id == null || attempts.locked(id)) {
            throw new ClientRefusedException(true);
        }
        // The password is checked whatever the database, so an unknown one takes as long as a known one.
        Optional<UUID> client = clients.authenticate(accessCode, password);
        Optional<Row> row = load(id, false);
        if (client.isEmpty() || row.isEmpty() || !row.get().subjectId().equals(client.get())) {
            attempts.failed(id);
            throw new ClientRefusedException(false);
        }
        attempts.succeeded(id);
        return row.get();
    }

    /** The export, once the door out let it out to the client, the person it is for (R1.4). */
    private Export exportOf(Row row, String exportedBy, String purpose) {
        HostedDatabase database = row.database();
        if (database.status() == HostedDatabase.Status.DESTROYED || row.credentials() == null) {
            throw new ExportClosedException("the hosted database was destroyed" + (database.destroyedAt() == null ? ""
                    : " on " + LocalDate.ofInstant(database.destroyedAt(), Zones.PARIS)) + "; destruction certificate "
                    + database.certificateId());
        }
        if (database.destructionDueOn() != null && !today().isBefore(database.destructionDueOn())) {
            throw new ExportClosedException("the export period ended: destruction was due on " + database.destructionDueOn());
        }
        door.pass(ExitChannel.EXPORT, new Passage(Destination.person(), purpose, row.subjectId(), exportedBy));
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String password = new String(vault.openSecret(context(database.id()), row.credentials()), StandardCharsets.UTF_8);
        Exporter.Result result = Exporter.export(stores.clientUrl(database.storeId()), database.schemaName(), password,
                database.schemaName(), database.id(), database.subscriptionId(), at);
        String sha256 = sha256(result.zip());
        UUID exportId = ids.next();
        jdbc.sql("""
                INSERT INTO hosted_database_export (id, hosted_database_id, exported_at, exported_by, sha256, size_bytes, table_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(exportId, database.id(), at.atOffset(ZoneOffset.UTC), exportedBy, sha256, result.zip().length, result.tables())
                .update();
        String fileName = "gestan-" + database.id() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atOffset(ZoneOffset.UTC))
                + ".zip";
        return new Export(exportId, database.id(), fileName, sha256, result.zip());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- Termination and destruction (R5.5) ----------------------------------------------------------

    /** The contract ended: destruction is scheduled at termination + the policy's duration. Returns whether a database was concerned. */
    @Transactional
    boolean terminated(UUID subscriptionId, LocalDate terminatedOn) {
        DestructionSchedule schedule = DestructionSchedule.of(policy);
        int changed = jdbc.sql("""
                UPDATE hosted_database SET status = ?, terminated_on = ?, destruction_due_on = ?, retention_rule = ?, retention_duration = ?
                WHERE subscription_id = ? AND status = ?""")
                .params(HostedDatabase.Status.TERMINATED.name(), terminatedOn, schedule.dueOn(terminatedOn), schedule.ruleId(),
                        schedule.duration().toString(), subscriptionId, HostedDatabase.Status.ACTIVE.name())
                .update();
        if (changed > 0) {
            LOG.info("hosted database of subscription {}: destruction scheduled on {}", subscriptionId, schedule.dueOn(terminatedOn));
        }
        return changed > 0;
    }

    @Override
    public List<DueDestruction> dueAsOf(LocalDate asOf, @Nullable UUID after, int limit) {
        if (asOf == null) {
            throw new InvalidInputException("asOf", "name the day");
        }
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("limit", "must be 1 to 10000");
        }
        return jdbc.sql("""
                SELECT id, subscription_id, subject_id, terminated_on, destruction_due_on FROM hosted_database
                WHERE status = ? AND destruction_due_on <= ? AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY""")
                .params(HostedDatabase.Status.TERMINATED.name(), asOf, after == null ? new UUID(0, 0) : after, limit)
                .query((rs, n) -> new DueDestruction(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .list();
    }

    @Override
    public List<DueDestruction> dueAmong(LocalDate asOf, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, subscription_id, subject_id, terminated_on, destruction_due_on FROM hosted_database
                WHERE status = :status AND destruction_due_on <= :asOf AND id IN (:ids) ORDER BY id""")
                .param("status", HostedDatabase.Status.TERMINATED.name()).param("asOf", asOf).param("ids", ids)
                .query((rs, n) -> new DueDestruction(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .list();
    }

    @Override
    public long countDueAsOf(LocalDate asOf) {
        return jdbc.sql("SELECT COUNT(*) FROM hosted_database WHERE status = ? AND destruction_due_on <= ?")
                .params(HostedDatabase.Status.TERMINATED.name(), asOf).query(Long.class).single();
    }

    @Override
    @Transactional
    public SignedCertificate destroy(UUID hostedDatabaseId, LocalDate asOf, String runId) {
        return destroy(null, hostedDatabaseId, asOf, runId);
    }

    /** A destruction by a member of staff (or by the system, {@code actor} null), audited as theirs. */
    @Transactional
    SignedCertificate destroy(@Nullable Actor actor, UUID hostedDatabaseId, LocalDate asOf, String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new InvalidInputException("runId", "must be 1 to 100 letters, digits, ':', '.', '_' or '-'");
        }
        if (asOf == null || asOf.isAfter(today())) {
            throw new InvalidInputException("asOf", "must be a day not after today: a destruction is never done ahead of time");
        }
        Row row = load(hostedDatabaseId, true).orElseThrow(() -> new UnknownHostedDatabaseException("id", "no such hosted database"));
        HostedDatabase database = row.database();
        if (database.status() == HostedDatabase.Status.DESTROYED) {
            return certificates.find(database.certificateId()).orElseThrow();
        }
        if (database.status() != HostedDatabase.Status.TERMINATED || database.destructionDueOn() == null || database.terminatedOn() == null) {
            throw new DestructionNotDueException(null);
        }
        if (!DestructionSchedule.isDue(database.destructionDueOn(), asOf)) {
            throw new DestructionNotDueException(database.destructionDueOn());
        }
        Dialect dialect = stores.dialect(database.storeId());
        dialect.drop(stores.admin(database.storeId()), database.schemaName());
        Instant destroyedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UUID certificateId = ids.next();
        SignedCertificate certificate = certificates.issue(new DestructionCertificate(DestructionCertificate.FORMAT, certificateId,
                database.id(), database.subscriptionId(), database.storeId(), database.location(), database.terminatedOn(),
                database.destructionDueOn(), destroyedAt, String.valueOf(row.retentionRule()),
                String.valueOf(row.retentionDuration()), database.finalExportSha256() == null ? "none" : database.finalExportSha256(),
                runId, policy.version(), ""));
        jdbc.sql("""
                UPDATE hosted_database SET status = ?, credentials = NULL, destroyed_at = ?, destruction_run = ?, certificate_id = ?
                WHERE id = ?""")
                .params(HostedDatabase.Status.DESTROYED.name(), destroyedAt.atOffset(ZoneOffset.UTC), runId, certificateId, database.id())
                .update();
        audit.append(new AuditEvent(actor == null ? "system" : actor.typedId(), "destroy", null, RESOURCE, database.id().toString(),
                row.subjectId(), List.of("hosted-credentials", "hosted-data"), AuditOutcome.ALLOWED,
                "retention rule " + DestructionSchedule.RULE + " due " + database.destructionDueOn() + ", run " + runId
                        + ", certificate " + certificateId));
        LOG.info("hosted database {} destroyed (run {}), certificate {}", database.id(), runId, certificateId);
        return certificate;
    }

    /** Staff's "destroy now": as of today, if due. */
    @Transactional
    SignedCertificate destroyNow(Actor actor, UUID id) {
        return destroy(actor, id, today(), "staff-" + ids.next());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
