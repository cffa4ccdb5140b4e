package org.charte.cookies.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.charte.access.SecurityHeaders;
import org.charte.common.InvalidInputException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The door of consent.js's page views, {@code POST /consent/v1/beacon/script} (R3.4, L8; #13's 10,000 page views a
 * second), ahead of Spring Security and Spring MVC ({@link ScriptDoor}). It takes a view
 * {@link NavigationBeaconApi#fromScript} would accept: JSON in a text/plain body of at most
 * {@value NavigationBeaconApi#MAX_BODY} bytes ({@link NavigationBeaconApi#parse}), passing {@link BeaconChecks}, its
 * site the sender's; anything else goes on, its body replayable, to {@link NavigationBeaconApi}, nothing counted
 * here. The answer is {@link NavigationBeaconApi}'s ({@code BeaconDoorTests} compares them): 204 once committed, or 503
 * problem+json with {@code Retry-After} when the writer was saturated or the commit failed.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class BeaconDoor extends ScriptDoor {

    static final String SCRIPT = ConsentCors.BEACON + "/script";

    private final NavigationData navigation;

    BeaconDoor(NavigationData navigation, SecurityHeaders headers, ConsentCors cors) {
        super(SCRIPT, MediaType.TEXT_PLAIN, NavigationBeaconApi.MAX_BODY, headers, cors);
        this.navigation = navigation;
    }

    @Override
    boolean enter(HttpServletRequest request, HttpServletResponse response, byte[] sent) throws IOException, ServletException {
        NavigationBeaconApi.BeaconBody body;
        try {
            body = NavigationBeaconApi.parse(sent);
        } catch (InvalidInputException e) {
            return false; // NavigationBeaconApi names the field
        }
        if (!BeaconChecks.violations(body).isEmpty() || !sentFrom(request, body.site())) {
            return false;
        }
        try {
            NavigationBeaconApi.awaitStored(NavigationBeaconApi.receive(navigation, body, request));
        } catch (NavigationBeaconApi.NotStoredException e) {
            problem(request, response, NavigationBeaconApi.notStored());
            return true;
        }
        answer(request, response, (rq, out) -> ((HttpServletResponse) out).setStatus(HttpStatus.NO_CONTENT.value()));
        return true;
    }
}
