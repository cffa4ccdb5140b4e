package org.charte.policy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The policy in force, the version it is stored as, and every earlier version. */
public interface CurrentPolicy {

    Policy policy();

    /** The stored version of the policy in force: what a new record points to. */
    PolicyVersion version();

    /** Every version ever loaded and every version Charte ships, newest effective date first. */
    List<PolicyVersion> versions();

    Optional<PolicyVersion> find(UUID id);

    /** A stored version, read again from its stored file content. */
    Optional<Policy> load(UUID id);

    /** The policy file of a stored version, as it was. */
    Optional<String> content(UUID id);
}
