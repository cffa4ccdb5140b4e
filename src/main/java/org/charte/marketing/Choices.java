package org.charte.marketing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.policy.MarketingChannel;

/**
 * A person's marketing choices: their capacity and its history, the current basis of each channel
 * and purpose that has one (the latest entry), and the whole history, oldest first.
 */
public record Choices(UUID subjectId, Capacity capacity, List<CapacityChange> capacityHistory, List<Basis> current, List<Basis> history) {

    public Choices {
        capacityHistory = List.copyOf(capacityHistory);
        current = List.copyOf(current);
        history = List.copyOf(history);
    }

    /** The current basis of that channel and purpose, if any entry was ever recorded. */
    public Optional<Basis> current(MarketingChannel channel, String purpose) {
        return current.stream().filter(b -> b.channel() == channel && b.purpose().equals(purpose)).findFirst();
    }
}
