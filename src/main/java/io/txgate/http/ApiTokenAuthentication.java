package io.txgate.http;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API token: first as presented (the secret, not yet checked), then as verified (the token's name and its scopes
 * as authorities, the secret dropped).
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String name;
    private String secret;

    private ApiTokenAuthentication(String name, String secret, List<SimpleGrantedAuthority> authorities) {
        super(authorities);
        this.name = name;
        this.secret = secret;
    }

    static ApiTokenAuthentication presented(String secret) {
        return new ApiTokenAuthentication("(unverified token)", secret, List.of());
    }

    static ApiTokenAuthentication verified(HttpProperties.Token token) {
        var authentication = new ApiTokenAuthentication(
                token.name(),
                null,
                token.scopes().stream()
                        .map(scope -> new SimpleGrantedAuthority(scope.authority()))
                        .toList());
        authentication.setAuthenticated(true);
        return authentication;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        secret = null;
    }
}
