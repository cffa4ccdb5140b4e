package org.charte.rights.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The DPO's list of rights requests (R9.5, R9.7): filtered by state, type, overdue and a text
 * (the reference; the name's words or the e-mail the person gave, through blind indexes:
 * {@link ClaimantSearch}), a page at a time. Who handles requests
 * sees the name given in each request, opened through the audit log like the request's own page;
 * nobody else gets it decrypted. Whether a request is overdue is its {@link RequestClock}'s word.
 */
@Component
class RequestListing {

    static final int PAGE_SIZE = 25;
    static final int TEXT_MAX = 200;
    static final int PAGE_MAX = 100_000;

    /** The states a list can be filtered by: open (the default), closed, all, or one status. */
    static final List<String> STATES = states();

    private final RequestStore store;
    private final RequestIntake intake;
    private final Subjects subjects;

    RequestListing(RequestStore store, RequestIntake intake, Subjects subjects) {
        this.store = store;
        this.intake = intake;
        this.subjects = subjects;
    }

    /**
     * What the list shows.
     *
     * @param state   {@code open}, {@code closed}, {@code all} or a status code
     * @param type    one right, or all when null
     * @param overdue only the overdue ones
     * @param text    matched in the reference, the words of the name, or the whole e-mail, ignoring case: {@link ClaimantSearch}; empty for all
     * @param page    from 1
     */
    public record Filter(String state, @Nullable RequestType type, boolean overdue, String text, int page) {

        /** Whether the list is the default one (no filter given). */
        public boolean unfiltered() {
            return equals(new Filter("open", null, false, "", page));
        }

        /** The filter as a GET query, without the page: what the pages' links carry. */
        public String query() {
            StringBuilder query = new StringBuilder("state=").append(state);
            if (type != null) {
                query.append("&type=").append(type.code());
            }
            if (overdue) {
                query.append("&overdue=true");
            }
            if (!text.isEmpty()) {
                query.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
            }
            return query.toString();
        }

        /**
         * The filter from the page's GET parameters; each one bad is named.
         *
         * @throws InvalidInputException naming {@code state}, {@code type}, {@code overdue}, {@code q} or {@code page}
         */
        static Filter of(@Nullable String state, @Nullable String type, @Nullable String overdue, @Nullable String text, @Nullable String page) {
            List<FieldError> errors = new ArrayList<>();
            String chosenState = blank(state) ? "open" : state.strip();
            if (!STATES.contains(chosenState)) {
                errors.add(new FieldError("state", "must be one of " + String.join(", ", STATES)));
            }
            RequestType chosenType = blank(type) ? null : RequestType.ofCode(type.strip()).orElse(null);
            if (!blank(type) && chosenType == null) {
                errors.add(new FieldError("type", "must be a right's code"));
            }
            boolean onlyOverdue = !blank(overdue) && List.of("true", "on", "1").contains(overdue.strip());
            if (!blank(overdue) && !onlyOverdue && !List.of("false", "off", "0").contains(overdue.strip())) {
                errors.add(new FieldError("overdue", "must be true or false"));
            }
            String chosenText = "";
            if (!blank(text)) {
                try {
                    TextInput.requireFreeText("q", text.strip(), TEXT_MAX);
                    chosenText = text.strip();
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                }
            }
            int chosenPage = 1;
            if (!blank(page)) {
                try {
                    chosenPage = Integer.parseInt(page.strip());
                } catch (NumberFormatException e) {
                    chosenPage = 0;
                }
                if (chosenPage < 1 || chosenPage > PAGE_MAX) {
                    errors.add(new FieldError("page", "must be a number from 1"));
                }
            }
            InvalidInputException.throwIfAny(errors);
            return new Filter(chosenState, chosenType, onlyOverdue, chosenText, chosenPage);
        }

        private static boolean blank(@Nullable String value) {
            return value == null || value.isBlank();
        }

        Set<RequestStatus> statuses() {
            return switch (state) {
                case "all" -> EnumSet.allOf(RequestStatus.class);
                case "open" -> EnumSet.of(RequestStatus.AWAITING_VERIFICATION, RequestStatus.IN_PROGRESS, RequestStatus.AWAITING_INFORMATION);
                case "closed" -> EnumSet.of(RequestStatus.ANSWERED, RequestStatus.REFUSED, RequestStatus.CANCELLED);
                default -> EnumSet.copyOf(List.of(RequestStatus.valueOf(state.toUpperCase(Locale.ROOT).replace('-', '_'))));
            };
        }
    }

    /**
     * A line of the list.
     *
     * @param person the name the person gave, else their e-mail; null when the viewer may not read it
     * @param state  the clock's state as a code ({@code overdue}, {@code near-due}, ...); {@code closed} once closed
     * @param days   days left, or days overdue once overdue (never negative)
     */
    public record Row(RightsRequest request, @Nullable String person, String state, long days, LocalDate due) {

        public boolean overdue() {
            return state.equals("overdue");
        }
    }

    /** One page of the list: its rows, how many match in all, the page and the number of pages. */
    public record Listing(List<Row> rows, int total, int page, int pages) {}

    /**
     * The page of requests the filter selects, as of today (Paris). {@code mayReadNames}: the viewer
     * handles rights requests; each request whose claimant is opened for them (to show it, or to
     * match the text) is recorded in the audit log.
     */
    Listing list(Actor viewer, boolean mayReadNames, Filter filter) {
        LocalDate today = store.today();
        List<RightsRequest> selected = store.listed(filter.statuses(), filter.type()).stream()
                .filter(r -> !filter.overdue() || r.state(today) == RequestClock.State.OVERDUE)
                .toList();
        if (!filter.text().isEmpty()) {
            selected = matching(selected, mayReadNames, filter.text());
        }
        int pages = Math.max(1, (selected.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        List<Row> rows = new ArrayList<>();
        for (RightsRequest r : selected.subList((page - 1) * PAGE_SIZE, Math.min(selected.size(), page * PAGE_SIZE))) {
            // only the claimants shown are opened (and audited): a page's worth at most, whatever the search
            String person = !mayReadNames ? null : person(intake.claimant(viewer, r.id()));
            String state = r.open() ? r.state(today).name().toLowerCase(Locale.ROOT).replace('_', '-') : "closed";
            long left = r.clock().daysLeft(today);
            rows.add(new Row(r, person, state, Math.abs(left), r.clock().dueOn(today)));
        }
        return new Listing(rows, selected.size(), page, pages);
    }

    /**
     * The requests a text selects, through blind indexes ({@link ClaimantSearch}): nobody is decrypted
     * to search. An e-mail finds the requests its sender gave it in, and those verified as the person
     * who has it; another text finds the references that contain it and the names that have each of its
     * words. Who may not read names searches references only.
     */
    private List<RightsRequest> matching(List<RightsRequest> selected, boolean mayReadNames, String text) {
        Set<UUID> ids;
        if (ClaimantSearch.isEmail(text)) {
            ids = mayReadNames ? store.withEmail(text, subjects.findByEmail(text)) : Set.of();
        } else {
            ids = mayReadNames ? store.withNameWords(ClaimantSearch.words(text)) : Set.of();
        }
        String lowerCase = text.toLowerCase(Locale.ROOT);
        return selected.stream().filter(r -> ids.contains(r.id()) || r.reference().toLowerCase(Locale.ROOT).contains(lowerCase)).toList();
    }

    private static @Nullable String person(Claimant claimant) {
        return claimant.name() != null && !claimant.name().isBlank() ? claimant.name() : claimant.email();
    }

    private static boolean contains(@Nullable String value, String lowerCaseText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    private static List<String> states() {
        List<String> states = new ArrayList<>(List.of("open", "closed", "all"));
        for (RequestStatus status : RequestStatus.values()) {
            states.add(status.code());
        }
        return List.copyOf(states);
    }
}
