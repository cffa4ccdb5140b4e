package org.charte.registers.internal;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;

/**
 * What the register records of a breach (L6, Art. 33(3) and (5)): when and how it was discovered,
 * its nature, the policy's data categories reached, approximate numbers of people and records,
 * likely consequences, measures taken and planned. {@link #check} names every invalid field and
 * holds every maximum, before anything reaches the database.
 */
public record BreachForm(@Nullable @Size(max = TITLE_MAX) String title, @Nullable Instant discoveredAt,
        @Nullable @Size(max = TEXT_MAX) String discoveredHow, @Nullable @Size(max = 3) List<@Size(max = 20) String> nature,
        @Nullable @Size(max = CATEGORIES_MAX) List<@Size(max = 64) String> categories, @Nullable Long approximatePeople,
        @Nullable Long approximateRecords, @Nullable @Size(max = TEXT_MAX) String consequences, @Nullable @Size(max = TEXT_MAX) String measuresTaken,
        @Nullable @Size(max = TEXT_MAX) String measuresPlanned) {

    static final int TITLE_MAX = 200;
    static final int TEXT_MAX = 4000;
    static final int CATEGORIES_MAX = 50;
    static final long COUNT_MAX = 10_000_000_000L;

    /** The form, checked: every field present and within its bounds, the categories the policy's. */
    record Checked(String title, Instant discoveredAt, String discoveredHow, Set<BreachNature> nature, List<String> categories,
            long approximatePeople, long approximateRecords, String consequences, String measuresTaken, String measuresPlanned) {}

    Checked check(Policy policy, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String checkedTitle = text(errors, "title", title, TITLE_MAX, TextInput.Kind.SINGLE_LINE);
        if (discoveredAt == null) {
            errors.add(new FieldError("discoveredAt", "is required"));
        } else if (discoveredAt.isAfter(now)) {
            errors.add(new FieldError("discoveredAt", "must not be in the future"));
        }
        String how = text(errors, "discoveredHow", discoveredHow, TEXT_MAX, TextInput.Kind.FREE_TEXT);
        Set<BreachNature> natures = new LinkedHashSet<>();
        if (nature == null || nature.isEmpty()) {
            errors.add(new FieldError("nature", "name at least one of confidentiality, integrity, availability"));
        } else if (nature.size() > BreachNature.values().length) {
            errors.add(new FieldError("nature", "must name each of confidentiality, integrity, availability at most once"));
        } else {
            for (int i = 0; i < nature.size(); i++) {
                String code = nature.get(i);
                try {
                    natures.add(BreachNature.of(code == null ? "" : code.strip()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("nature[" + i + "]", "must be confidentiality, integrity or availability"));
                }
            }
        }
        List<String> codes = new ArrayList<>();
        if (categories == null || categories.isEmpty()) {
            errors.add(new FieldError("categories", "name at least one of the policy's data categories"));
        } else if (categories.size() > CATEGORIES_MAX) {
            errors.add(new FieldError("categories", "must name at most " + CATEGORIES_MAX + " categories"));
        } else {
            for (int i = 0; i < categories.size(); i++) {
                String code = categories.get(i);
                String stripped = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
                if (stripped.length() > 100 || policy.dataCategory(stripped).isEmpty()) {
                    errors.add(new FieldError("categories[" + i + "]", "is not one of the current policy's data categories"));
                } else if (!codes.contains(stripped)) {
                    codes.add(stripped);
                }
            }
        }
        count(errors, "approximatePeople", approximatePeople);
        count(errors, "approximateRecords", approximateRecords);
        String likely = text(errors, "consequences", consequences, TEXT_MAX, TextInput.Kind.FREE_TEXT);
        String taken = text(errors, "measuresTaken", measuresTaken, TEXT_MAX, TextInput.Kind.FREE_TEXT);
        String planned = text(errors, "measuresPlanned", measuresPlanned, TEXT_MAX, TextInput.Kind.FREE_TEXT);
        InputChecks.throwIfAny(errors);
        return new Checked(checkedTitle, discoveredAt, how, natures, List.copyOf(codes), approximatePeople, approximateRecords,
                likely, taken, planned);
    }

    private static void count(List<FieldError> errors, String field, @Nullable Long value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required (an approximate number)"));
        } else if (value < 0 || value > COUNT_MAX) {
            errors.add(new FieldError(field, "must be between 0 and " + COUNT_MAX));
        }
    }

    /** A required text within its maximum; the message never repeats it. */
    static String text(List<FieldError> errors, String field, @Nullable String value, int max, TextInput.Kind kind) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return "";
        }
        String problem = TextInput.problem(value, max, kind);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
        return value.strip();
    }
}
