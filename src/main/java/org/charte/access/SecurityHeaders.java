package org.charte.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers of every answer (R8.5: content security policy, no framing, referrer and permissions
 * policies, no sniffing, no caching), for a door that answers ahead of Spring Security's filter
 * chains: the very header writers of those chains, so that its answers carry what every other does.
 */
public interface SecurityHeaders {

    /** Runs {@code answer} on a response that gets the headers when it is committed, as the chains' answers do. */
    void around(HttpServletRequest request, HttpServletResponse response, FilterChain answer) throws IOException, ServletException;
}
