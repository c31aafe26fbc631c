package io.txgate.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a query string that is not valid percent-encoded UTF-8 with a 400 naming the parameter. Left to Tomcat, its
 * parser throws when the application first asks for a parameter, and the request ends as a 500 with an ERROR line in
 * the log: something any client could repeat at will.
 */
final class QueryStringCheck extends OncePerRequestFilter {

    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String broken = firstBrokenParameter(request.getQueryString());
        if (broken == null) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException e) {
                // Tomcat found something this check does not know about; still the client's fault, still a 400.
                broken = "query string";
            }
        }
        if (broken != null) {
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    broken + ": not valid percent-encoded UTF-8 (RFC 3986), such as cursor=abc%2Dd");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The name of the first parameter whose name or value does not decode, as it may be shown; null when all do. */
    static String firstBrokenParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String decodedName = decode(name);
            if (decodedName == null || decode(value) == null) {
                return decodedName != null
                                && PRINTABLE_NAME.matcher(decodedName).matches()
                        ? decodedName
                        : "a parameter name";
            }
        }
        return null;
    }

    /** Percent-decodes ({@code +} as space) into UTF-8 text, or null when an escape or the UTF-8 is malformed. */
    private static String decode(String encoded) {
        var bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()
                        || !HexFormat.isHexDigit(encoded.charAt(i + 1))
                        || !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                    return null;
                }
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
