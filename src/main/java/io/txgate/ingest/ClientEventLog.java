package io.txgate.ingest;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what anonymous clients can make the server log, in total: at most {@value #LINES_PER_WINDOW} lines about
 * client-caused events (rejected frames, refused or closed connections, failed handshakes, resets) in every 10 s,
 * and one line counting what was left out.
 *
 * <p>Without it one client sending 2,000,000 empty lines made the server write 496 MB of log in 13 s, and a disk
 * filled that way stops the store. Every line this lets through is one line, never a stack trace, and never holds
 * frame content. Thread-safe.
 */
final class ClientEventLog {

    static final int LINES_PER_WINDOW = 50;
    static final Duration WINDOW = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ClientEventLog.class);

    private final LongSupplier nanoClock;
    private long windowStart;
    private int lines;
    private long leftOut;
    private long leftOutFrames;

    ClientEventLog() {
        this(System::nanoTime);
    }

    ClientEventLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Logs at INFO if the logger is on for it and the window has room, else counts it. */
    void info(Logger logger, String format, Object... arguments) {
        if (logger.isInfoEnabled() && allow()) {
            logger.info(format, arguments);
        }
    }

    /** Logs at WARN if the logger is on for it and the window has room, else counts it. */
    void warn(Logger logger, String format, Object... arguments) {
        if (logger.isWarnEnabled() && allow()) {
            logger.warn(format, arguments);
        }
    }

    /** Logs at DEBUG if the logger is on for it and the window has room, else counts it. */
    void debug(Logger logger, String format, Object... arguments) {
        if (logger.isDebugEnabled() && allow()) {
            logger.debug(format, arguments);
        }
    }

    /**
     * Counts one line for this window. True when it may be written; otherwise it is counted as left out, and
     * {@code frames} rejected frames it would have told about are added to the summary.
     */
    boolean allow(long frames) {
        String summary;
        boolean allowed;
        synchronized (this) {
            summary = roll();
            allowed = lines < LINES_PER_WINDOW;
            if (allowed) {
                lines++;
            } else {
                leftOut++;
                leftOutFrames += frames;
            }
        }
        logSummary(summary);
        return allowed;
    }

    boolean allow() {
        return allow(0);
    }

    /** Writes the summary of a window that has ended; called regularly so that it does not wait for the next event. */
    void flush() {
        String summary;
        synchronized (this) {
            summary = roll();
        }
        logSummary(summary);
    }

    private String roll() {
        long now = nanoClock.getAsLong();
        if (now - windowStart < WINDOW.toNanos()) {
            return null;
        }
        String summary = leftOut == 0
                ? null
                : leftOut + " more log lines about clients left out in the last " + WINDOW.toSeconds()
                        + " s (at most " + LINES_PER_WINDOW + " per " + WINDOW.toSeconds() + " s)"
                        + (leftOutFrames > 0 ? ", among them " + leftOutFrames + " rejected frames" : "");
        windowStart = now;
        lines = 0;
        leftOut = 0;
        leftOutFrames = 0;
        return summary;
    }

    private static void logSummary(String summary) {
        if (summary != null) {
            log.info(summary);
        }
    }
}
