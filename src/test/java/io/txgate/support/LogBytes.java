package io.txgate.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts what the application logs while it is open, whatever the console and file settings: an appender on the
 * root logger that formats each event as Spring Boot's console does (without colours) and adds up the bytes. Keeps
 * the first {@value #KEPT_LINES} messages for assertions.
 */
public final class LogBytes implements AutoCloseable {

    /** Spring Boot's default console line, without colours. */
    private static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p 12345 --- [txgate] [%15.15t] %-40.40logger{39} : %m%n%ex";

    private static final int KEPT_LINES = 10_000;

    private final Counter counter;

    private LogBytes(Counter counter) {
        this.counter = counter;
    }

    public static LogBytes capture() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        var counter = new Counter(layout);
        counter.setContext(context);
        counter.setName("log-bytes-" + System.identityHashCode(counter));
        counter.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(counter);
        return new LogBytes(counter);
    }

    /** Bytes logged since {@link #capture()}, formatted as console lines (stack traces included). */
    public long bytes() {
        return counter.bytes.get();
    }

    /** The messages logged (without time, level and logger), in order, at most the first 10,000. */
    public List<String> lines() {
        synchronized (counter.lines) {
            return List.copyOf(counter.lines);
        }
    }

    /** The whole formatted output kept so far, for messages when an assertion fails. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(counter);
        counter.stop();
    }

    private static final class Counter extends AppenderBase<ILoggingEvent> {

        private final PatternLayout layout;
        private final AtomicLong bytes = new AtomicLong();
        private final List<String> lines = new ArrayList<>();

        Counter(PatternLayout layout) {
            this.layout = layout;
        }

        @Override
        protected void append(ILoggingEvent event) {
            bytes.addAndGet(layout.doLayout(event).getBytes(StandardCharsets.UTF_8).length);
            synchronized (lines) {
                if (lines.size() < KEPT_LINES) {
                    lines.add(event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? "" : " [with stack trace]"));
                }
            }
        }
    }
}
