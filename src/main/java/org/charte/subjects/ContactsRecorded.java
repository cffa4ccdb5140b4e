package org.charte.subjects;

import java.util.UUID;

/**
 * Told of the contacts a person is recorded with, or rectified to, inside the transaction that
 * writes them, so what it records commits or rolls back with them: how the marketing module makes a
 * person recorded with an address on its suppression list start objected (L9). Implemented by
 * other modules; the subjects module knows only this interface.
 */
public interface ContactsRecorded {

    /** The person's contacts as stored (e-mails in lower case, phones in E.164). */
    void recorded(UUID subjectId, Contacts contacts);
}
