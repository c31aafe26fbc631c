package io.txgate.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API tokens, found by the SHA-256 of a presented secret.
 *
 * <p>Why SHA-256 and not bcrypt: a token's secret is a long random string (32 random bytes, docs/security.md), not a
 * password a person chose, so no dictionary or brute force can walk back from its hash and a slow, salted hash adds
 * nothing. bcrypt would instead cost tens of milliseconds of CPU on every request, which would make any caller with a
 * made-up token a cheap way to burn the server's CPU. One SHA-256 takes about a microsecond.
 */
final class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private final List<Known> tokens;

    private record Known(HttpProperties.Token token, byte[] hash) {}

    ApiTokens(List<HttpProperties.Token> configured) {
        var names = new HashSet<String>();
        var hashes = new HashSet<String>();
        for (var token : configured) {
            if (!names.add(token.name())) {
                throw new IllegalStateException("txgate.http.tokens: the name '" + token.name()
                        + "' is used twice; each token needs a name of its own (the audit log shows it)");
            }
            if (!hashes.add(token.sha256().toLowerCase())) {
                throw new IllegalStateException("txgate.http.tokens: tokens '" + token.name()
                        + "' and another have the same sha256, so one secret would be two tokens");
            }
        }
        tokens = configured.stream()
                .map(token -> new Known(token, HexFormat.of().parseHex(token.sha256())))
                .toList();
        if (tokens.isEmpty()) {
            log.info("no API token configured (txgate.http.tokens): the read API, metrics and health details"
                    + " answer nobody; docs/security.md shows how to make a token");
        }
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The token whose secret this is, if any. */
    Optional<HttpProperties.Token> find(String secret) {
        byte[] presented = sha256(secret);
        HttpProperties.Token found = null;
        // Every token is compared, in constant time, so the answer's timing tells nothing about near misses.
        for (Known known : tokens) {
            if (MessageDigest.isEqual(known.hash(), presented)) {
                found = known.token();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
