package org.charte.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every marketing SMS must carry (R9.9, L9; CPCE L34-5): the sender's name, and at its end the
 * free objection, "STOP au" and the number STOP messages are sent to. {@link #compose} adds what a
 * text lacks, {@link #complies} tells whether a text (a campaign's template) already says both.
 * Framework-free: the sender and the number come from the policy or the configuration.
 *
 * @param sender the name people know the sender by (at most 40 characters)
 * @param stopNumber the number a STOP is sent to for free (a short code or a number, digits only)
 */
public record MarketingSms(String sender, String stopNumber) {

    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");
    private static final int MAX_SENDER = 40;

    public MarketingSms {
        if (sender == null || sender.isBlank() || sender.strip().length() > MAX_SENDER) {
            throw new IllegalArgumentException("a marketing SMS needs the sender's name (1 to " + MAX_SENDER + " characters)");
        }
        if (stopNumber == null || !NUMBER.matcher(stopNumber.strip()).matches()) {
            throw new IllegalArgumentException("the STOP number must be 3 to 15 digits");
        }
        sender = sender.strip();
        stopNumber = stopNumber.strip();
    }

    /** The objection that ends every marketing SMS: "STOP au 36180". */
    public String stopInstruction() {
        return "STOP au " + stopNumber;
    }

    /** The text, headed by the sender's name unless it names it already, and ending with the STOP instruction. */
    public String compose(String text) {
        String body = text.strip();
        if (!namesSender(body)) {
            body = sender + " : " + body;
        }
        if (!endsWithStop(body)) {
            body = body + " " + stopInstruction();
        }
        return body;
    }

    /** Whether a text names the sender and ends with the STOP instruction. */
    public boolean complies(String text) {
        String body = text.strip();
        return namesSender(body) && endsWithStop(body);
    }

    private boolean namesSender(String text) {
        return text.toLowerCase(Locale.ROOT).contains(sender.toLowerCase(Locale.ROOT));
    }

    private boolean endsWithStop(String text) {
        String end = text.replaceAll("[\\s.!]+$", "");
        return end.toLowerCase(Locale.ROOT).endsWith(stopInstruction().toLowerCase(Locale.ROOT));
    }
}
