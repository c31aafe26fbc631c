package io.txgate.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * API tokens that test servers are configured with, as an operator would (only the SHA-256 of each secret in the
 * settings), so tests read through the real credential check instead of around it.
 */
public final class TestTokens {

    /** Scopes read and metrics: the token of an operator who may do everything. */
    public static final String OPERATOR = "test-operator-3f9c2a7e41b8d05c6e1f9a2b7c4d8e03";

    /** Scope read only. */
    public static final String READER = "test-reader-8a1e4c7b2d9f06e3a5c8b1d4e7f0a2c5";

    /** Scope metrics only. */
    public static final String SCRAPER = "test-scraper-5d2b8e1f4a7c0d3e6b9f2a5c8e1d4b7a";

    private record Token(String name, String secret, String scopes) {}

    private static final List<Token> TOKENS = List.of(
            new Token("operator", OPERATOR, "read,metrics"),
            new Token("reader", READER, "read"),
            new Token("scraper", SCRAPER, "metrics"));

    private TestTokens() {}

    /** The three tokens as {@code txgate.http.tokens[i].*} settings of a test context. */
    public static void register(DynamicPropertyRegistry registry) {
        for (int i = 0; i < TOKENS.size(); i++) {
            var token = TOKENS.get(i);
            registry.add("txgate.http.tokens[" + i + "].name", token::name);
            registry.add("txgate.http.tokens[" + i + "].sha256", () -> sha256(token.secret()));
            registry.add("txgate.http.tokens[" + i + "].scopes", token::scopes);
        }
    }

    /** The same as {@code key=value} settings. */
    public static List<String> settings() {
        var settings = new ArrayList<String>();
        for (int i = 0; i < TOKENS.size(); i++) {
            var token = TOKENS.get(i);
            settings.add("txgate.http.tokens[" + i + "].name=" + token.name());
            settings.add("txgate.http.tokens[" + i + "].sha256=" + sha256(token.secret()));
            settings.add("txgate.http.tokens[" + i + "].scopes=" + token.scopes());
        }
        return settings;
    }

    /** The same as command-line arguments of a server started by a test. */
    public static List<String> arguments() {
        return settings().stream().map(setting -> "--" + setting).toList();
    }

    /** What {@code printf %s "$TOKEN" | sha256sum} prints, as docs/security.md has operators do it. */
    public static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
