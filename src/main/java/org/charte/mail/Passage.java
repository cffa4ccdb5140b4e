package org.charte.mail;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link DoorOut} is told of a message or export before it lets it out: to whom (a
 * {@link Destination}, never an address), for which purpose, about which person, and who sends it.
 * Ids and codes only: it is what the audit entry records, and never content.
 *
 * @param to        the person themselves or a policy recipient
 * @param purpose   the purpose the data leaves for, a code as the policy writes them ({@code rights-request},
 *                  {@code newsletters}, ...)
 * @param subjectId the person the data is about, when known
 * @param actor     who sends it, a typed id ({@code staff:<uuid>}, {@code subject:<uuid>}) or {@code system}
 */
public record Passage(Destination to, String purpose, @Nullable UUID subjectId, String actor) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACTOR = Pattern.compile("system|[a-z][a-z-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Passage {
        Objects.requireNonNull(to, "to");
        if (purpose == null || !CODE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("a passage names its purpose as a lower-case code of at most 64 characters");
        }
        if (actor == null || !ACTOR.matcher(actor).matches()) {
            throw new IllegalArgumentException("a passage names its actor as a typed id such as staff:<uuid>, or system");
        }
    }

    /** To the person themselves, sent by the system. */
    public static Passage toPerson(String purpose, @Nullable UUID subjectId) {
        return new Passage(Destination.person(), purpose, subjectId, "system");
    }

    /** To a recipient the policy lists, sent by the system. */
    public static Passage toRecipient(String recipientId, String purpose, @Nullable UUID subjectId) {
        return new Passage(Destination.recipient(recipientId), purpose, subjectId, "system");
    }

    /** To the controller's own DPO or staff, sent by the system. */
    public static Passage toController(String purpose, @Nullable UUID subjectId) {
        return new Passage(Destination.controller(), purpose, subjectId, "system");
    }

    /** The same passage, sent by {@code actor}. */
    public Passage by(String actor) {
        return new Passage(to, purpose, subjectId, actor);
    }
}
