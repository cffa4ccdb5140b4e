package org.charte.subjects;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Records people and finds them; their identity is sealed under their own key. */
public interface Subjects {

    /** Records a person under the policy version in force; returns their id. */
    UUID register(SubjectStatus status, Identity identity, LocalDate lastContact);

    /**
     * The person's identity, decrypted.
     *
     * @throws org.charte.vault.ShreddedException when the person has been erased
     */
    Identity identity(UUID id);

    Optional<UUID> findByEmail(String email);

    Optional<SubjectStatus> status(UUID id);

    /** An inbound contact (request, order, message) on that day: retention counts from the last one. */
    void recordContact(UUID id, LocalDate on);

    /** The first subscription: a prospect becomes an active client. */
    void becameClient(UUID id, LocalDate on);

    /** The last contract ended: an active client becomes inactive. */
    void contractsEnded(UUID id, LocalDate on);

    /** Whether the person is 18 or older on that day (policy §3.5); false when the birth date is unknown. */
    boolean isAdultOn(UUID id, LocalDate day);

    /** How many people per status: no personal data. */
    Map<SubjectStatus, Long> countByStatus();
}
