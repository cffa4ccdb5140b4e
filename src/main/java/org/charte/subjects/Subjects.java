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

    /** How many people per status: no personal data. */
    Map<SubjectStatus, Long> countByStatus();
}
