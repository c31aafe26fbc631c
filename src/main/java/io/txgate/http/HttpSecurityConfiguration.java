package io.txgate.http;

import io.txgate.http.HttpProperties.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Who may read over HTTP, on the API port and the management port alike (Spring Boot runs this one filter chain in
 * both): the read API needs a token with scope {@code read}; the probes and the health status are open, their details
 * shown to token holders only (management.endpoint.health.show-details); Prometheus needs scope {@code metrics} unless
 * {@code txgate.http.open-metrics}; the status page is open and its data needs scope {@code metrics}; everything else
 * needs a valid token. Every response carries Spring Security's default headers ({@code X-Content-Type-Options:
 * nosniff}, {@code Cache-Control: no-store}, ...).
 *
 * <p>No sessions, no cookies, no login page: each request brings its token. CSRF protection is off because it guards
 * cookie-authenticated browsers, and a bearer token is never sent by a browser on its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HttpSecurityConfiguration {

    private static final String REALM = "Bearer realm=\"txgate\"";

    @Bean
    ApiTokens apiTokens(HttpProperties properties) {
        return new ApiTokens(properties.tokens());
    }

    /** Also keeps Spring Boot from creating its default user with a generated password. */
    @Bean
    ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(ApiTokens tokens) {
        return new ApiTokenAuthenticationProvider(tokens);
    }

    /**
     * 400 for what Spring Security's firewall refuses before any filter runs (";" or an encoded "/" in the path, ...),
     * in the API's error form. The default answers the same status with an empty body.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "URL: " + rejected.getMessage());
        };
    }

    /** Closed with the context, which stops its timer thread. */
    @Bean
    DelayedRefusals delayedRefusals() {
        return new DelayedRefusals();
    }

    @Bean
    SecurityFilterChain httpSecurity(
            HttpSecurity http,
            ApiTokenAuthenticationProvider provider,
            DelayedRefusals refusals,
            HttpProperties properties)
            throws Exception {
        var tokenFilter = new AuthenticationFilter(new ProviderManager(provider), new BearerTokenConverter());
        tokenFilter.setFailureHandler(
                new AuthenticationEntryPointFailureHandler(HttpSecurityConfiguration::unauthorized));
        // On success the request simply goes on (the default would redirect, as after a login form).
        tokenFilter.setSuccessHandler((request, response, authentication) -> {});
        tokenFilter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());

        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new QueryStringCheck(), HeaderWriterFilter.class)
                .addFilterAt(tokenFilter, BasicAuthenticationFilter.class)
                .addFilterAfter(
                        new ReadConcurrencyLimit(properties.maxConcurrentReads(), refusals), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> {
                    // First, as the busiest: a plain path match, where each actuator matcher below looks up classes.
                    requests.requestMatchers("/api/**").hasAuthority(Scope.READ.authority());
                    // The error page of a request already let through (or refused before authorization).
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(EndpointRequest.to("health")).permitAll();
                    if (properties.openMetrics()) {
                        requests.requestMatchers(EndpointRequest.to("prometheus"))
                                .permitAll();
                    } else {
                        requests.requestMatchers(EndpointRequest.to("prometheus"))
                                .hasAuthority(Scope.METRICS.authority());
                    }
                    // The status page (io.txgate.status, management port): the page and its script hold no data and
                    // are open, because a browser cannot send a bearer token when it loads a page; the script sends
                    // the token (from the URL fragment, which never reaches the server) with each fetch of the data.
                    requests.requestMatchers(HttpMethod.GET, "/status", "/status/assets/**")
                            .permitAll();
                    requests.requestMatchers("/status/data").hasAuthority(Scope.METRICS.authority());
                    requests.anyRequest().authenticated();
                })
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(HttpSecurityConfiguration::unauthorized)
                        .accessDeniedHandler(forbidden()));
        return http.build();
    }

    /** 401: no token, or one that is not valid. */
    private static void unauthorized(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean anonymous = failure instanceof InsufficientAuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, anonymous ? REALM : REALM + ", error=\"invalid_token\"");
        ProblemResponses.write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                anonymous
                        ? "Authorization: this endpoint needs an API token, sent as 'Authorization: Bearer <token>'"
                        : failure.getMessage());
    }

    /** 403: a valid token without the scope this endpoint needs. */
    private static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> {
            var caller = SecurityContextHolder.getContext().getAuthentication();
            String scopes = caller == null
                    ? ""
                    : caller.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .map(authority -> authority.replaceFirst("^SCOPE_", ""))
                            .sorted()
                            .collect(Collectors.joining(", "));
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "token '" + (caller == null ? "?" : caller.getName()) + "' (scopes: " + scopes
                            + ") may not call this endpoint: /api/** needs scope 'read', /actuator/prometheus"
                            + " and /status/data need 'metrics'");
        };
    }
}
