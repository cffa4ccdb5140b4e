package org.charte.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.charte.retention.IntermediateArchive;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Who reaches the intermediate archive (L4): an entry is read, and the archive listed, only for an
 * obligation's purpose, by a role the obligation names, with the current confidentiality commitment
 * signed and, for an entry, the decision point's grant on the former person; every attempt is in
 * the audit log. The entries themselves are {@link JdbcArchive}'s.
 */
@Service
class ArchiveAccess implements IntermediateArchive {

    private final JdbcArchive rows;
    private final Policy policy;
    private final AccessDecisions decisions;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Commitments commitments;
    private final Clock clock;

    ArchiveAccess(JdbcArchive rows, Policy policy, AccessDecisions decisions, StaffDirectory staff, AuditLog audit, Commitments commitments,
            Clock clock) {
        this.rows = rows;
        this.policy = policy;
        this.decisions = decisions;
        this.staff = staff;
        this.audit = audit;
        this.commitments = commitments;
        this.clock = clock;
    }

    @Override
    public Entry read(Actor actor, @Nullable String purpose, UUID entryId) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInputException("purpose", "name the purpose of this access: the archive obligation's purpose");
        }
        JdbcArchive.Row row = rows.find(entryId, today()).orElseThrow(UnknownEntryException::new); // expired: as good as erased
        List<Policy.Obligation> obligations = row.obligations().stream().map(policy::obligation).flatMap(Optional::stream).toList();
        String role = actor.kind() == Actor.Kind.STAFF ? staff.find(actor.id()).map(m -> m.role()).orElse("") : "";
        boolean named = obligations.stream().anyMatch(o -> o.purpose().equals(purpose) && o.roles().contains(role));
        if (!named) {
            String reason = actor.kind() != Actor.Kind.STAFF ? "the archive is reached by named staff roles only"
                    : obligations.stream().noneMatch(o -> o.purpose().equals(purpose))
                            ? "the archive entry is reachable only for its obligations' purpose"
                            : "role " + (role.isEmpty() ? "unknown" : role) + " is not named by the archive entry's obligations";
            audit.append(AuditEvent.denied(actor.typedId(), "read", purpose.matches("[a-z0-9][a-z0-9._-]*") ? purpose : null, "archive-entry",
                    entryId.toString(), row.subjectId(), row.categories(), reason));
            throw new AccessDeniedException(reason);
        }
        // The decision point decides (role, purpose, categories, commitment, a grant on the former person) and records it.
        decisions.require(new AccessRequest(actor, purpose, Action.READ, Set.copyOf(row.categories()), ResourceRef.subject(row.subjectId())));
        audit.append(AuditEvent.allowed(actor.typedId(), "read", purpose, "archive-entry", entryId.toString(), row.subjectId(), row.categories()));
        Map<String, Object> content = rows.open(row);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) content.getOrDefault("record", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = (Map<String, Object>) content.get("identity");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) content.get("address");
        return new Entry(row.id(), row.obligations(), row.recordType(), row.recordId(), row.subjectId(), row.categories(), row.recordStart(),
                row.keepUntil(), row.archivedOn(), record, identity, address);
    }

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    @Override
    public Page list(Actor actor, @Nullable String purpose, Search search) {
        String role = actor.kind() == Actor.Kind.STAFF ? staff.find(actor.id()).map(m -> m.role()).orElse("") : "";
        List<Policy.Obligation> namingRole = policy.archive().stream().filter(o -> o.roles().contains(role)).toList();
        String safePurpose = purpose != null && CODE.matcher(purpose).matches() && purpose.length() <= 100 ? purpose : null;
        if (namingRole.isEmpty()) {
            throw refuse(actor, safePurpose, "the archive is listed by the roles its obligations name only");
        }
        List<FieldError> errors = new ArrayList<>();
        if (purpose == null || purpose.isBlank()) {
            errors.add(new FieldError("purpose", "name the purpose of this access: the archive obligation's purpose"));
        } else if (safePurpose == null) {
            errors.add(new FieldError("purpose", "must be a purpose code of the policy, such as legal-obligations"));
        }
        String obligation = blankToNull(search.obligation());
        if (obligation != null && (obligation.length() > 40 || policy.obligation(obligation).isEmpty())) {
            errors.add(new FieldError("obligation", "must be one of the archive's obligations: "
                    + String.join(", ", policy.archive().stream().map(Policy.Obligation::id).toList())));
        }
        UUID formerSubjectId = uuid("formerSubjectId", search.formerSubjectId(), errors);
        UUID recordId = uuid("recordId", search.recordId(), errors);
        if (obligation == null && blankToNull(search.formerSubjectId()) == null && blankToNull(search.recordId()) == null) {
            String message = "name an obligation, a former person id or a record reference";
            errors.add(new FieldError("obligation", message));
            errors.add(new FieldError("formerSubjectId", message));
            errors.add(new FieldError("recordId", message));
        }
        int page = search.page() == null ? 0 : search.page();
        int size = search.size() == null ? DEFAULT_PAGE_SIZE : search.size();
        if (page < 0 || page > 100_000) {
            errors.add(new FieldError("page", "must be 0 to 100000"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be 1 to " + MAX_PAGE_SIZE));
        }
        InvalidInputException.throwIfAny(errors);
        List<Policy.Obligation> allowed = namingRole.stream().filter(o -> o.purpose().equals(purpose))
                .filter(o -> obligation == null || o.id().equals(obligation)).toList();
        if (allowed.isEmpty()) {
            throw refuse(actor, safePurpose, obligation != null && namingRole.stream().noneMatch(o -> o.id().equals(obligation))
                    ? "role " + role + " is not named by obligation " + obligation
                    : "the archive is reachable only for its obligations' purpose");
        }
        if (!commitments.signedCurrent(actor.id())) {
            throw refuse(actor, safePurpose, "the current confidentiality commitment is not signed");
        }
        JdbcArchive.Selection selection = new JdbcArchive.Selection(today(), allowed.stream().map(Policy.Obligation::id).toList(), formerSubjectId,
                recordId);
        long total = rows.count(selection);
        List<Listed> entries = rows.list(selection, (long) page * size, size);
        Set<String> categories = new TreeSet<>();
        allowed.forEach(o -> categories.addAll(o.categories()));
        audit.append(AuditEvent.allowed(actor.typedId(), "list", purpose, "archive",
                recordId != null ? recordId.toString() : obligation, formerSubjectId, List.copyOf(categories)));
        return new Page(entries, page, size, total);
    }

    private AccessDeniedException refuse(Actor actor, @Nullable String purpose, String reason) {
        audit.append(AuditEvent.denied(actor.typedId(), "list", purpose, "archive", null, null, List.of(), reason));
        return new AccessDeniedException(reason);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuid(String field, @Nullable String value, List<FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (text.length() != 36 || !ID.matcher(text).matches()) {
            errors.add(new FieldError(field, "must be an id (a UUID)"));
            return null;
        }
        return UUID.fromString(text);
    }

    @Override
    public List<ObligationSummary> summary() {
        List<JdbcArchive.Group> groups = rows.groups();
        List<ObligationSummary> summaries = new ArrayList<>();
        for (Policy.Obligation obligation : policy.archive()) {
            long entries = 0;
            Map<String, Long> byType = new TreeMap<>();
            LocalDate oldest = null;
            LocalDate newest = null;
            for (JdbcArchive.Group group : groups) {
                if (!Arrays.asList(group.obligations().split(",")).contains(obligation.id())) {
                    continue;
                }
                entries += group.count();
                byType.merge(group.type(), group.count(), Long::sum);
                oldest = oldest == null || group.oldest().isBefore(oldest) ? group.oldest() : oldest;
                newest = newest == null || group.newest().isAfter(newest) ? group.newest() : newest;
            }
            summaries.add(new ObligationSummary(obligation.id(), entries, byType, oldest, newest));
        }
        return summaries;
    }
}
