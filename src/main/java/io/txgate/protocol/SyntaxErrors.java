package io.txgate.protocol;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Says in the protocol's own words what is wrong with unreadable JSON, and where: the byte offset in the frame body and
 * the path of the field being read, e.g. {@code unexpected character 'x' where a value should be (at byte 57 in
 * transactions[0].account)}.
 *
 * <p>Jackson's messages are not passed on: they name its own parser features, may carry its source-location
 * placeholder ({@code [Source: REDACTED ...]}) and quote client data at length. The kind of error is read from them and
 * each kind gets a short text of ours; a kind not known here is reported as a plain syntax error, so a future Jackson
 * wording can make a message vaguer but never leak its internals. Client data appears only as a single character or a
 * short key name; longer tokens and keys are described by their length.
 */
final class SyntaxErrors {

    /** Keys longer than this, or with other characters than these, are described by their length, not quoted. */
    private static final Pattern PRINTABLE_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Segments of a path shown at most: a batch's own fields are 3 deep; deeper ones are in unknown fields. */
    private static final int MAX_PATH_SEGMENTS = 4;

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"$", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("^Unrecognized token '([^']*)'");
    private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("^Non-standard token '([+-]?(NaN|Infinity))'");
    private static final Pattern CLOSE_MARKER = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape");

    private SyntaxErrors() {}

    /**
     * @param error what Jackson threw while reading {@code text}
     * @param parser the parser that threw it, still where it stopped
     * @param text the decoded frame body, from its first character (a byte order mark included)
     * @param start where in {@code text} the parser started (after a byte order mark)
     */
    static String describe(JacksonException error, JsonParser parser, char[] text, int start) {
        TokenStreamContext context = parser.streamReadContext();
        int index = errorIndex(error, parser, text, start);
        String where = "at byte " + byteOffset(text, index);
        String path = path(context, isDuplicateKey(error));
        return what(error, context, text, index) + " (" + where + (path.isEmpty() ? "" : " in " + path) + ")";
    }

    /** The byte offset of the character at {@code index} of {@code text}, in the UTF-8 frame it was decoded from. */
    static int byteOffset(char[] text, int index) {
        int bytes = 0;
        for (int i = 0; i < index && i < text.length; i++) {
            char c = text[i];
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Where the error is in {@code text}: Jackson's location, or for limits (which have none) where the parser is. */
    private static int errorIndex(JacksonException error, JsonParser parser, char[] text, int start) {
        TokenStreamLocation location = error.getLocation() != null ? error.getLocation() : parser.currentLocation();
        long offset = location == null ? -1 : location.getCharOffset();
        if (offset < 0) {
            return text.length;
        }
        return (int) Math.min(text.length, start + offset);
    }

    private static boolean isDuplicateKey(JacksonException error) {
        return DUPLICATE.matcher(original(error)).find();
    }

    private static String what(JacksonException error, TokenStreamContext context, char[] text, int index) {
        String message = original(error);
        if (error instanceof StreamConstraintsException) {
            return constraint(message);
        }
        if (error instanceof UnexpectedEndOfInputException || message.startsWith("Unexpected end-of-input")) {
            return endOfInput(message, context);
        }
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "duplicate key " + key(duplicate.group(1));
        }
        Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
        if (token.find()) {
            // The token is client data (an account number written without quotes, say): its length, not its text.
            return "unrecognized word of " + characters(token.group(1)) + " where a value should be";
        }
        Matcher nonStandard = NON_STANDARD_TOKEN.matcher(message);
        if (nonStandard.find()) {
            return nonStandard.group(1) + " is not a JSON value";
        }
        Matcher close = CLOSE_MARKER.matcher(message);
        if (close.find()) {
            return "'" + close.group(1) + "' where '" + close.group(2) + "' should close the "
                    + (close.group(2).equals("]") ? "array" : "object");
        }
        if (message.startsWith("Unexpected close marker")) {
            return "'" + characterAt(text, index) + "' closes nothing";
        }
        if (ESCAPE.matcher(message).find()) {
            return "unknown escape sequence '\\" + characterAt(text, index) + "'";
        }
        if (message.contains("hex-digit for character escape")) {
            return "\\u escape needs 4 hex digits";
        }
        if (message.contains("CTRL-CHAR")) {
            return message.contains("string value") || message.contains("name")
                    ? "control character " + codePointAt(text, index) + " must be escaped inside a string"
                    : "control character " + codePointAt(text, index) + " outside a string";
        }
        if (message.startsWith("Invalid numeric value") || message.contains("in numeric value")) {
            return number(message);
        }
        if (message.startsWith("Unexpected character")) {
            return "unexpected character " + shown(text, index) + expectation(message);
        }
        return "syntax error";
    }

    private static String constraint(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("nesting")) {
            return "nested deeper than " + BatchParser.MAX_NESTING + " levels";
        }
        if (lower.contains("number")) {
            return "number too long";
        }
        if (lower.contains("name")) {
            return "key too long";
        }
        if (lower.contains("string")) {
            return "string too long";
        }
        return "exceeds a parser limit";
    }

    private static String endOfInput(String message, TokenStreamContext context) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("quote") || lower.contains("string") || lower.contains("escape")) {
            return "frame ends inside a string";
        }
        if (lower.contains("property name")) {
            return "frame ends inside a key";
        }
        if (lower.contains("digit") || lower.contains("sign") || lower.contains("numeric")) {
            return "frame ends inside a number";
        }
        if (context != null && context.inArray()) {
            return "frame ends before the array is closed";
        }
        if (context != null && context.inObject()) {
            return "frame ends before the object is closed";
        }
        return "frame ends before the JSON is complete";
    }

    private static String number(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("leading zero")) {
            return "number with a leading zero";
        }
        if (lower.contains("plus sign")) {
            return "number with a '+' sign";
        }
        if (lower.contains("decimal point")) {
            return "number without a digit after its '.'";
        }
        if (lower.contains("exponent")) {
            return "number without a digit after its exponent";
        }
        if (lower.contains("minus sign")) {
            return "'-' not followed by a digit";
        }
        return "invalid number";
    }

    /** What the parser wanted instead of an unexpected character. */
    private static String expectation(String message) {
        if (message.contains("maybe a (non-standard) comment")) {
            return ": comments are not allowed";
        }
        if (message.contains("colon to separate")) {
            return " where ':' should follow a key";
        }
        if (message.contains("comma to separate Array")) {
            return " where ',' or ']' should be";
        }
        if (message.contains("comma to separate Object")) {
            return " where ',' or '}' should be";
        }
        if (message.contains("double-quote to start")) {
            return " where a quoted key should be";
        }
        if (message.contains("expected a valid value") || message.contains("expected a value")) {
            return " where a value should be";
        }
        return "";
    }

    /** {@code 'x'} for a visible ASCII character, else its code point, {@code U+00E9}. */
    private static String shown(char[] text, int index) {
        if (index >= text.length) {
            return "at the end";
        }
        char c = text[index];
        return c > 0x20 && c < 0x7F && c != '\'' ? "'" + c + "'" : codePointAt(text, index);
    }

    private static String characterAt(char[] text, int index) {
        return index < text.length && text[index] > 0x20 && text[index] < 0x7F
                ? String.valueOf(text[index])
                : codePointAt(text, index);
    }

    private static String codePointAt(char[] text, int index) {
        if (index >= text.length) {
            return "end of frame";
        }
        return String.format(Locale.ROOT, "U+%04X", Character.codePointAt(text, index));
    }

    private static String key(String name) {
        return PRINTABLE_KEY.matcher(name).matches() ? "\"" + name + "\"" : "of " + characters(name);
    }

    private static String characters(String clientText) {
        int count = clientText.codePointCount(0, clientText.length());
        return count == 1 ? "1 character" : count + " characters";
    }

    /**
     * The path of the value being read, {@code transactions[0].amount}; for a duplicate key the object holding it, as
     * the key itself is named in the message.
     */
    private static String path(TokenStreamContext context, boolean containerOnly) {
        Deque<String> segments = new ArrayDeque<>();
        boolean innermost = true;
        for (TokenStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            if (level.inArray() && level.hasCurrentIndex()) {
                segments.addFirst("[" + level.getCurrentIndex() + "]");
            } else if (level.inObject() && level.currentName() != null && !(innermost && containerOnly)) {
                String name = level.currentName();
                segments.addFirst(
                        "." + (PRINTABLE_KEY.matcher(name).matches() ? name : "(key of " + characters(name) + ")"));
            }
            innermost = false;
        }
        String path = String.join("", segments.stream().limit(MAX_PATH_SEGMENTS).toList())
                + (segments.size() > MAX_PATH_SEGMENTS ? "..." : "");
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String original(JacksonException error) {
        return String.valueOf(error.getOriginalMessage());
    }
}
