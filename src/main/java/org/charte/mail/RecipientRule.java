package org.charte.mail;

import java.util.Optional;
import org.charte.policy.Policy;

/**
 * Who personal data may go to (R1.4: never communicated to a recipient the policy does not list).
 * The person themselves always, whatever the purpose named, and the controller's own DPO and staff
 * (within the controller, nothing is communicated); an authority the policy lists (§6,
 * type {@code authority}) whatever the purpose, since only a legal obligation sends data there;
 * any other recipient only when the policy lists it and the purpose named is one of the policy's
 * and lists it among its recipients. Framework-free: the policy in force is all it reads.
 */
public final class RecipientRule {

    private final Policy policy;

    public RecipientRule(Policy policy) {
        this.policy = policy;
    }

    /** Empty when {@code to} may receive data for {@code purpose}; else why not (a short English reason, no address). */
    public Optional<String> refusal(Destination to, String purpose) {
        String id = to.recipientId();
        if (id == null || Destination.CONTROLLER.equals(id)) {
            return Optional.empty();
        }
        Optional<Policy.Recipient> recipient = policy.recipient(id);
        if (recipient.isEmpty()) {
            return Optional.of("the policy lists no recipient " + id);
        }
        if (recipient.get().type() == Policy.RecipientType.AUTHORITY) {
            return Optional.empty();
        }
        Optional<Policy.Purpose> named = policy.purpose(purpose);
        if (named.isEmpty()) {
            return Optional.of("the policy has no purpose " + purpose);
        }
        if (!named.get().recipients().contains(id)) {
            return Optional.of("the policy does not list recipient " + id + " for purpose " + purpose);
        }
        return Optional.empty();
    }
}
