package io.txgate.http;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Verifies a presented API token against the configured hashes. */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;

    ApiTokenAuthenticationProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = (String) authentication.getCredentials();
        return tokens.find(secret)
                .map(ApiTokenAuthentication::verified)
                .orElseThrow(() -> new BadCredentialsException(
                        tokens.isEmpty()
                                ? "Authorization: this server has no API token configured (txgate.http.tokens)"
                                : "Authorization: the token is not valid"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
