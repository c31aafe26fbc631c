package io.txgate.status;

import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code /status} (the page), {@code /status/assets/*} (its script and style) and {@code /status/data} (the numbers,
 * fetched by the page every second) on the management port, next to the actuator.
 *
 * <p>Listed in META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports
 * and deliberately not a {@code @Configuration}: component scanning must not put these routes into the main context,
 * which would serve them on the API port too (with a management port of its own). Spring Security decides who may
 * call them (HttpSecurityConfiguration): the page and its assets hold no data and are open, the data needs scope
 * {@code metrics}. The assets live outside {@code static/} so that the API port's default resource handling never
 * serves them either.
 */
class StatusPageRoutes {

    /**
     * Scripts, styles and fetches from this port only, nothing inline, no frames, no forms sent anywhere: a page that
     * handles a token must not run anything else.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    /**
     * The figures and the chart points; with {@code since} (an epoch second, the last point the page has) only the
     * points after it, so that a page open for a while fetches a few hundred bytes a second, not 15 minutes of points.
     */
    static ServerResponse data(StatusSampler sampler, Optional<String> since) {
        StatusSnapshot snapshot = sampler.snapshot();
        if (since.isEmpty()) {
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(snapshot);
        }
        long epochSecond;
        try {
            epochSecond = Long.parseLong(since.get());
        } catch (NumberFormatException e) {
            return ServerResponse.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(
                            ProblemDetail.forStatusAndDetail(
                                    HttpStatus.BAD_REQUEST,
                                    "since: must be an epoch second (the t of the last point the page has), such as 1796539100"));
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(snapshot.since(epochSecond));
    }

    @Bean
    RouterFunction<ServerResponse> statusPage(StatusSampler statusSampler) {
        var page = new ClassPathResource("status-page/index.html");
        return RouterFunctions.route()
                .GET(
                        "/status",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                                .header("Referrer-Policy", "no-referrer")
                                .body(page))
                .GET("/status/data", request -> data(statusSampler, request.param("since")))
                .resources("/status/assets/**", new ClassPathResource("status-page/"))
                .build();
    }
}
