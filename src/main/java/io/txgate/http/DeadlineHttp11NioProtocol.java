package io.txgate.http;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO HTTP/1.1 connector with a deadline on each request's head: once a second it closes every connection
 * that began a request (its first byte arrived) longer than {@code headerDeadlineMillis} ago and is still waiting for
 * the rest of its request line and headers.
 *
 * <p>Tomcat's {@code connectionTimeout} limits each single read, so a client sending one header byte every few
 * seconds keeps its connection for as long as it likes: no thread (Tomcat parses headers without one), but one of the
 * connector's connection slots, and enough of them lock everybody out. Tomcat has no setting for a deadline on the
 * whole head; this is it. Bodies need none: {@link RequestBodyRefusalValve} never reads one.
 *
 * <p>Public with a public constructor because Tomcat creates its protocol handler from the class name.
 */
public class DeadlineHttp11NioProtocol extends Http11NioProtocol {

    private static final Logger log = LoggerFactory.getLogger(DeadlineHttp11NioProtocol.class);

    private volatile long headerDeadlineMillis = 10_000;
    private ScheduledFuture<?> watchdog;

    public void setHeaderDeadlineMillis(long headerDeadlineMillis) {
        this.headerDeadlineMillis = headerDeadlineMillis;
    }

    public long getHeaderDeadlineMillis() {
        return headerDeadlineMillis;
    }

    @Override
    public void start() throws Exception {
        super.start();
        watchdog = getUtilityExecutor().scheduleWithFixedDelay(this::closeOverdueHeads, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        super.stop();
    }

    private void closeOverdueHeads() {
        long now = System.nanoTime();
        long deadlineNanos = TimeUnit.MILLISECONDS.toNanos(headerDeadlineMillis);
        try {
            for (SocketWrapperBase<NioChannel> connection : getEndpoint().getConnections()) {
                // A processor is attached while the connection waits for more of a request it has begun (between
                // requests, and while a worker thread runs one, there is none). Its start is the request's first byte;
                // with no request bodies read (and no async requests), waiting for more means waiting for the head.
                if (connection.getCurrentProcessor() instanceof AbstractProcessor processor) {
                    long started = processor.getRequest().getStartTimeNanos();
                    if (started != -1 && now - started > deadlineNanos) {
                        // DEBUG only: a client can cause this as often as it likes; the log must not grow with it.
                        log.debug(
                                "closing HTTP connection {}: its request line and headers are not complete after {} ms",
                                connection.getRemoteAddr(),
                                headerDeadlineMillis);
                        // As Tomcat's own read timeout does: the error goes to the connection's processor, on a
                        // worker thread and in turn with any other event for it, which then closes the connection.
                        getEndpoint().processSocket(connection, SocketEvent.ERROR, true);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The set of connections changes under us; the next round sees the rest. Never let the task die.
            log.debug("request deadline check skipped a round", e);
        }
    }
}
