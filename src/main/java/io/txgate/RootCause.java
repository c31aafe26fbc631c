package io.txgate;

import org.springframework.core.NestedExceptionUtils;

/**
 * The innermost cause of a failure in a few words, for a log line, a health detail or a reply: outer exceptions only
 * wrap it in more words (a Spring or JDBC wrapper around "database is locked"), so the innermost one says what went
 * wrong.
 */
public final class RootCause {

    private RootCause() {}

    /** The innermost cause's message, or its class name when it has none. */
    public static String message(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The innermost cause as {@code ClassName: message} (the class alone when it has no message). */
    public static String describe(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
