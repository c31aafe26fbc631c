package io.txgate.http;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750). No Authorization header means an anonymous caller, who
 * may still reach the open endpoints (probes); any other form of the header is a failed authentication (401).
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String BEARER = "bearer ";

    /** Far longer than any token made as docs/security.md says; a longer one is not hashed at all. */
    static final int MAX_TOKEN_LENGTH = 512;

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("Authorization: only 'Bearer <token>' is accepted");
        }
        String secret = header.substring(BEARER.length()).strip();
        if (secret.isEmpty() || secret.length() > MAX_TOKEN_LENGTH) {
            throw new BadCredentialsException("Authorization: the token is not valid");
        }
        return ApiTokenAuthentication.presented(secret);
    }
}
