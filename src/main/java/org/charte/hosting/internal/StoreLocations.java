package org.charte.hosting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;

/**
 * R7.1 as a rule, framework-free: a hosted database goes only into a store the policy declares,
 * whose location as configured on this platform is the one the policy declares and is among the
 * policy's allowed locations. Anything else is refused, naming the field.
 */
final class StoreLocations {

    static final String FIELD = "storeId";

    private StoreLocations() {}

    /** A store that passed: its id and location. */
    record Placement(String storeId, String location) {}

    /**
     * Where a database may go: the store named, if allowed.
     *
     * @param configured store id → location as configured ({@code charte.hosting.stores.ID.location})
     * @throws InvalidInputException naming {@code storeId}
     */
    static Placement place(Policy.Storage storage, Map<String, String> configured, String storeId) {
        if (storeId == null || storeId.isBlank()) {
            throw new InvalidInputException(FIELD, "name the data store, one of the policy's stores");
        }
        if (!storeId.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new InvalidInputException(FIELD, "must be a store id of the policy, such as hosted-databases");
        }
        Optional<Policy.Store> declared = storage.stores().stream().filter(s -> s.id().equals(storeId)).findFirst();
        if (declared.isEmpty()) {
            throw new InvalidInputException(FIELD, "is not a data store the policy declares (R7.1)");
        }
        String location = configured.get(storeId);
        if (location == null) {
            throw new InvalidInputException(FIELD, "is not configured on this platform (charte.hosting.stores." + storeId
                    + ".location): where it is cannot be vouched for");
        }
        String problem = problem(storage, declared.get(), location);
        if (problem != null) {
            throw new InvalidInputException(FIELD, problem);
        }
        return new Placement(storeId, normalised(location));
    }

    /** Every configured store that breaks the rule, one readable line each: start-up stops on any. */
    static List<String> startupProblems(Policy.Storage storage, Map<String, String> configured) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> store : new TreeMap<>(configured).entrySet()) {
            String id = store.getKey();
            String location = store.getValue();
            Optional<Policy.Store> declared = storage.stores().stream().filter(s -> s.id().equals(id)).findFirst();
            if (location == null || location.isBlank()) {
                problems.add("charte.hosting.stores." + id + ".location is missing: every data store declares its location");
            } else if (declared.isEmpty()) {
                problems.add("charte.hosting.stores." + id + ": the policy declares no data store '" + id + "' (its stores: "
                        + String.join(", ", storage.stores().stream().map(Policy.Store::id).toList()) + ")");
            } else {
                String problem = problem(storage, declared.get(), location);
                if (problem != null) {
                    problems.add("charte.hosting.stores." + id + ".location: " + problem);
                }
            }
        }
        return problems;
    }

    private static @Nullable String problem(Policy.Storage storage, Policy.Store declared, String configuredLocation) {
        String location = normalised(configuredLocation);
        if (!storage.allowedLocations().contains(location)) {
            return "store '" + declared.id() + "' is configured in " + location + ", outside the policy's allowed locations ("
                    + String.join(", ", storage.allowedLocations()) + ")";
        }
        if (!declared.location().equals(location)) {
            return "store '" + declared.id() + "' is configured in " + location + " but the policy declares it in " + declared.location();
        }
        if (!storage.allowedLocations().contains(declared.location())) {
            return "the policy declares store '" + declared.id() + "' in " + declared.location() + ", outside its allowed locations";
        }
        return null;
    }

    private static String normalised(String location) {
        return location.strip().toUpperCase(Locale.ROOT);
    }
}
