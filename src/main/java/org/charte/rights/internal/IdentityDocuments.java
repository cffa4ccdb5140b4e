package org.charte.rights.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.IdentityDocument;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity documents received for a check (L1): sealed under the request's key until checked, then
 * their content deleted at once, with the check and the deletion recorded.
 */
@Service
class IdentityDocuments {

    private static final int MAX_BYTES = 1024 * 1024;

    private final RequestStore store;
    private final JdbcClient jdbc;

    IdentityDocuments(RequestStore store, JdbcClient jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    /** An identity document received for a check: sealed until checked. */
    @Transactional
    public UUID receive(Actor staff, UUID requestId, byte[] content, String contentType) {
        RightsRequest request = store.locked(requestId);
        Steps.openOnly(request);
        if (content == null || content.length == 0) {
            throw new InvalidInputException("document", "the file is empty", "rights.problem.file-empty");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException("document", "the file is larger than 1 MB", "rights.problem.file-too-large");
        }
        String type = contentType == null || contentType.isBlank() || contentType.length() > 100 ? "application/octet-stream" : contentType;
        UUID id = store.nextId();
        jdbc.sql("INSERT INTO rights_identity_document (id, request_id, content, content_type, received_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, requestId, store.seal(requestId, "rights.identity-document:" + id, content), type, store.nowUtc()).update();
        store.step(requestId, staff.typedId(), "identity-document-received", null);
        return id;
    }

    /** The document was checked: its content is deleted at once, and that it was checked and deleted is recorded (L1). */
    @Transactional
    public void checked(Actor staff, UUID requestId, UUID documentId) {
        store.locked(requestId);
        int updated = jdbc.sql("""
                UPDATE rights_identity_document SET content = NULL, checked_at = ?, checked_by = ?, deleted_at = ?
                WHERE id = ? AND request_id = ? AND deleted_at IS NULL""")
                .params(store.nowUtc(), staff.typedId(), store.nowUtc(), documentId, requestId).update();
        if (updated == 0) {
            throw new InvalidInputException("documentId", "no identity document waiting for a check on this request", "rights.problem.no-document-waiting");
        }
        store.step(requestId, staff.typedId(), "identity-document-checked-and-deleted", null);
    }

    /** The identity documents received for a request and whether each was checked and deleted. */
    public List<IdentityDocument> of(UUID requestId) {
        return jdbc.sql("SELECT id, received_at, checked_at, deleted_at FROM rights_identity_document WHERE request_id = ? ORDER BY received_at, id")
                .param(requestId).query((rs, n) -> new IdentityDocument(rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), instant(rs.getObject(3, OffsetDateTime.class)),
                        instant(rs.getObject(4, OffsetDateTime.class)))).list();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
