package org.charte.rights.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every OpenDSR response is signed (OpenDSR 3.1, 8.3, 9.3): the body, byte for byte, is held
 * back, signed with Charte's OpenDSR key (SHA256withRSA, base64) and sent with
 * {@code X-OpenDSR-Processor-Domain} and {@code X-OpenDSR-Signature} (and their OpenGDPR names,
 * OpenDSR 10.1). It runs before Spring Security, so that a 401 or 403 is signed too.
 */
@Component
@Order(-1000)
class OpenDsrSignatures extends OncePerRequestFilter {

    static final String DOMAIN = "X-OpenDSR-Processor-Domain";
    static final String SIGNATURE = "X-OpenDSR-Signature";

    private final OpenDsrSigningKey key;

    OpenDsrSignatures(OpenDsrSigningKey key) {
        this.key = key;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/opendsr/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            if (!response.isCommitted()) {
                String domain = key.domain();
                String signature = key.sign(held.getContentAsByteArray());
                response.setHeader(DOMAIN, domain);
                response.setHeader(SIGNATURE, signature);
                response.setHeader("X-OpenGDPR-Processor-Domain", domain);
                response.setHeader("X-OpenGDPR-Signature", signature);
            }
            held.copyBodyToResponse();
        }
    }
}
