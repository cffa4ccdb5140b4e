package org.charte.access.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessWords;
import org.charte.access.DenialReasons;
import org.charte.access.StaffMember;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Actors named from the staff accounts and the integration tokens, reasons worded from the bundles and the policy's labels. */
@Component
class AccessWording implements AccessWords {

    private static final Pattern WHOLE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final StaffAccounts staff;
    private final ApiTokens tokens;
    private final MessageSource messages;
    private final Policy policy;

    AccessWording(StaffAccounts staff, ApiTokens tokens, MessageSource messages, Policy policy) {
        this.staff = staff;
        this.tokens = tokens;
        this.messages = messages;
        this.policy = policy;
    }

    @Override
    public String actor(String typedId, Locale locale) {
        if (SYSTEM.equals(typedId)) {
            return messages.getMessage("actor.system", null, locale);
        }
        int colon = typedId.indexOf(':');
        String kind = colon < 0 ? "" : typedId.substring(0, colon);
        String id = colon < 0 ? typedId : typedId.substring(colon + 1);
        UUID uuid = uuid(id);
        String shortId = AccessWords.shortReference(id);
        return switch (kind) {
            case "staff" -> uuid == null ? message("actor.staff-unknown", shortId, locale)
                    : staff.find(uuid).map(StaffMember::displayName).orElseGet(() -> message("actor.staff-unknown", shortId, locale));
            case "token" -> uuid == null ? message("actor.token-unknown", shortId, locale)
                    : tokens.find(uuid).map(t -> message("actor.token", t.name(), locale))
                            .orElseGet(() -> message("actor.token-unknown", shortId, locale));
            case "subject" -> message("actor.subject", shortId, locale);
            default -> message("actor.other", shortId, locale);
        };
    }

    @Override
    public String reason(String reason, Locale locale) {
        return DenialReasons.of(reason)
                .map(worded -> messages.getMessage(worded.key(),
                        worded.arguments().stream().map(code -> label(code, locale)).toArray(), locale))
                .orElse(reason);
    }

    /**
     * A code a reason quotes, as the policy names it (purpose, data category, role, recipient, or a
     * list of them), or a word of the bundles; an id (a run, a certificate) by its short reference.
     */
    private String label(String code, Locale locale) {
        if (code.contains(", ")) {
            return String.join(", ", Arrays.stream(code.split(", ")).map(c -> label(c, locale)).toList());
        }
        if (WHOLE_ID.matcher(code).matches()) {
            return AccessWords.shortReference(code);
        }
        return policy.purpose(code).map(p -> text(p.label(), locale))
                .or(() -> policy.dataCategory(code).map(c -> text(c.label(), locale)))
                .or(() -> policy.role(code).map(r -> text(r.label(), locale)))
                .or(() -> policy.recipient(code).map(r -> text(r.label(), locale)))
                .orElseGet(() -> DenialReasons.WORDS.contains(code) ? messages.getMessage("access.reason.word." + code, null, locale) : code);
    }

    private static String text(Text text, Locale locale) {
        return text.in(locale);
    }

    private String message(String key, String argument, Locale locale) {
        return messages.getMessage(key, new Object[] {argument}, locale);
    }

    private static @Nullable UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
