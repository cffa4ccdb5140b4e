package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.charte.rights.OpenRequests;
import org.springframework.stereotype.Component;

/** {@link OpenRequests}: the stored open requests, each read against its {@link RequestClock}. */
@Component
class OpenRequestsQuery implements OpenRequests {

    private final RequestStore store;

    OpenRequestsQuery(RequestStore store) {
        this.store = store;
    }

    @Override
    public List<Open> asOfToday() {
        LocalDate today = store.today();
        return store.open().stream()
                .map(r -> new Open(r.id(), r.reference(), r.type().code(), r.receivedOn(), r.clock().dueOn(today),
                        Standing.valueOf(r.state(today).name())))
                .sorted(Comparator.comparing(Open::dueOn).thenComparing(Open::reference))
                .toList();
    }
}
