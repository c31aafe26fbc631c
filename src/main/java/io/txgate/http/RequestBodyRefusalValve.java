package io.txgate.http;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Answers any request that announces a body with 413 before a byte of it is read, and closes the connection without
 * reading the body either: every endpoint txgate serves over HTTP is a GET.
 *
 * <p>Why a Tomcat valve and not a servlet filter: after any response Tomcat reads and discards the unread rest of the
 * body (up to {@code server.tomcat.max-swallow-size}, 2 MB) on the request's thread, as slowly as the client sends it;
 * a few hundred clients sending one byte every few seconds held every thread that way. Only Tomcat's own request
 * object can tell it not to. It is an engine valve, the first one a request meets: that telling also marks the
 * response as failed, and the host's valves behind it would then add an error page.
 */
final class RequestBodyRefusalValve extends ValveBase {

    RequestBodyRefusalValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // This runs before Spring Security's filters, which add these to every other response.
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "request body: not accepted; every txgate HTTP endpoint is a GET without a body");
            response.flushBuffer();
            // Closes the connection after this response, the body left unread.
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            return;
        }
        getNext().invoke(request, response);
    }
}
