package io.txgate.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the answers given before a request reaches Spring MVC (401, 403, 413, 429) in the same RFC 9457 form as the
 * API's own 400 and 404, so clients read one kind of error body.
 */
final class ProblemResponses {

    private record Problem(String type, String title, int status, String detail, String instance) {}

    private ProblemResponses() {}

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        var problem =
                new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, request.getRequestURI());
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(problem));
    }
}
