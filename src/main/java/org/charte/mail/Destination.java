package org.charte.mail;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who personal data goes to: the person themselves (at their own contact, or downloading what was
 * made for them), the controller's own DPO and staff ({@link #controller()}), or one of the policy's recipients by its id ({@code authorities},
 * {@code support-subcontractors}, ...). Never an address: the address travels beside it, and only
 * the category is recorded.
 *
 * @param recipientId the policy recipient's id, or null for the person themselves
 */
public record Destination(@Nullable String recipientId) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Destination PERSON = new Destination(null);
    /** The controller's own DPO and staff, at the addresses the policy or the staff directory give: data does not leave the controller. */
    public static final String CONTROLLER = "controller";

    public Destination {
        if (recipientId != null && !ID.matcher(recipientId).matches()) {
            throw new IllegalArgumentException("a recipient is named by its policy id (lower-case letters, digits, hyphens)");
        }
    }

    /** The person the data is about, themselves. */
    public static Destination person() {
        return PERSON;
    }

    /** A recipient the policy lists (§6), by its id. */
    public static Destination recipient(String id) {
        return new Destination(id);
    }

    /** The controller's own DPO or staff (a breach's clock, a digest, a checkpoint mailed to the DPO). */
    public static Destination controller() {
        return new Destination(CONTROLLER);
    }

    public boolean isPerson() {
        return recipientId == null;
    }

    /** What the audit entry records: {@code person} or {@code recipient:<id>}. */
    public String category() {
        return recipientId == null ? "person" : CONTROLLER.equals(recipientId) ? CONTROLLER : "recipient:" + recipientId;
    }
}
