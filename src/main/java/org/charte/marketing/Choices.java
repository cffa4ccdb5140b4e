package org.charte.marketing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.policy.MarketingChannel;

/**
 * A person's marketing choices: their capacity and its history, the current basis of each channel
 * and purpose that has one (the latest entry), and the whole history, oldest first; and their consent
 * to be called at other times than D223-9's ({@code callHours}, oldest first; L2).
 */
public record Choices(UUID subjectId, Capacity capacity, List<CapacityChange> capacityHistory, List<Basis> current, List<Basis> history,
        List<CallHoursConsent> callHours) {

    public Choices {
        capacityHistory = List.copyOf(capacityHistory);
        current = List.copyOf(current);
        history = List.copyOf(history);
        callHours = List.copyOf(callHours);
    }

    /** Choices without any call-hours entry. */
    public Choices(UUID subjectId, Capacity capacity, List<CapacityChange> capacityHistory, List<Basis> current, List<Basis> history) {
        this(subjectId, capacity, capacityHistory, current, history, List.of());
    }

    /** Whether the person's latest call-hours entry is a consent to be called at other times (L2). */
    public boolean otherTimesConsented() {
        return !callHours.isEmpty() && callHours.getLast().consented();
    }

    /** The current basis of that channel and purpose, if any entry was ever recorded. */
    public Optional<Basis> current(MarketingChannel channel, String purpose) {
        return current.stream().filter(b -> b.channel() == channel && b.purpose().equals(purpose)).findFirst();
    }
}
