package io.txgate.ingest;

import io.txgate.protocol.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * One ingest connection, served by its own thread: it reads frames, waits for their replies and writes them, in
 * order. On top of Spring Integration's connection it keeps the rules that stop one client from harming the others:
 *
 * <ul>
 *   <li>a TLS handshake completes within its deadline from accept, enforced by the {@link ConnectionWatchdog};
 *   <li>frames are read through one {@link FrameInputStream} with the frame timeout and this connection's
 *       {@link ConnectionMemory};
 *   <li>a reply write that the client does not read within the write timeout is ended by closing the socket;
 *   <li>only valid batches keep the connection open, and a run of only rejected frames closes it
 *       ({@link ConnectionRules});
 *   <li>whatever ends it, an {@code Error} included, its socket is closed (which frees its slot) and its memory given
 *       back;
 *   <li>what it logs about its client is bounded ({@link RejectionLog}, {@link ClientEventLog}), one line per event,
 *       never a stack trace for a client's doing.
 * </ul>
 */
final class IngestConnection extends TcpNetConnection {

    private static final Logger log = LoggerFactory.getLogger(IngestConnection.class);

    private final Socket socket;
    private final SocketInfo socketInfo;
    private final ConnectionLimits limits;
    private final ConnectionMemory memory;
    private final ConnectionWatchdog watchdog;
    private final ClientEventLog events;
    private final ConnectionRules rules;
    private final RejectionLog rejections;
    private final OpenIdentities identities;

    // Read by the watchdog's thread: the moment (System.nanoTime) a handshake or write must be over by, 0 for none.
    private volatile long deadline;
    private volatile Deadline deadlineKind;
    // Why the server closed the connection, once it did; what follows (failed reads and writes) is then not news.
    private volatile String closedBecause;

    // Only the connection's own thread touches these.
    private ConnectionFrames frames;
    private boolean handshakeDone;
    // The client certificate's subject once the handshake verified one: counted in OpenIdentities until the end.
    private String identity;

    IngestConnection(
            Socket socket,
            boolean lookupHost,
            ApplicationEventPublisher publisher,
            String factoryName,
            ConnectionLimits limits,
            MemoryBudget budget,
            ConnectionWatchdog watchdog,
            ClientEventLog events,
            ConnectionActivity activity) {
        super(socket, true, lookupHost, publisher, factoryName);
        long now = System.nanoTime();
        this.socket = socket;
        this.socketInfo = new OpenSocketInfo(socket);
        this.limits = limits;
        this.memory = new ConnectionMemory(budget, limits.bufferWait());
        this.watchdog = watchdog;
        this.events = events;
        this.rules = new ConnectionRules(limits.idleTimeout(), limits.rejectedFramesTimeout(), now);
        this.rejections = new RejectionLog(getConnectionId(), events, activity.rejections());
        this.identities = activity.identities();
        this.handshakeDone = !(socket instanceof SSLSocket);
        if (!handshakeDone) {
            // From accept, not from the first handshake byte: a client that connects and waits counts too.
            arm(Deadline.HANDSHAKE, now);
        }
        watchdog.watch(this);
    }

    @Override
    public void run() {
        try {
            super.run();
        } catch (Throwable e) { // NOSONAR: whatever ended the thread, the socket and memory must be given back
            events.warn(log, "{} ended by an unexpected error, connection closed: {}", getConnectionId(), e.toString());
            log.debug("the error that ended {}", getConnectionId(), e);
        } finally {
            try {
                close();
            } finally {
                watchdog.forget(this);
                memory.releaseAll();
                rejections.flush();
                if (identity != null) {
                    identities.closed(identity);
                }
            }
        }
    }

    @Override
    public Object getPayload() {
        // The previous burst is answered (or will never be): what it held is free.
        memory.releaseAnswered();
        if (!isOpen()) {
            // Closed by the server (a deadline, the rules, shutdown). Frames still in the buffer must not be handled:
            // their replies could not be written, and Spring Integration would log each as an ERROR.
            throw new SoftEndOfStreamException("connection closed");
        }
        if (!handshakeDone) {
            handshake((SSLSocket) socket);
            handshakeDone = true;
        }
        keepIdleTimeout();
        try {
            return frames().nextBurst();
        } catch (IOException e) {
            throw ended(e);
        }
    }

    @Override
    public SocketInfo getSocketInfo() {
        return socketInfo;
    }

    @Override
    protected InputStream inputStream() throws IOException {
        return frames().input();
    }

    /** The connection's framing over its buffered socket input, made at the first read. */
    private ConnectionFrames frames() throws SoftEndOfStreamException {
        if (frames == null) {
            InputStream socketInput;
            try {
                socketInput = super.inputStream();
            } catch (IOException e) {
                throw new SoftEndOfStreamException("socket closed when getting input stream", e);
            }
            frames = new ConnectionFrames(
                    new FrameInputStream(socketInput, limits.frameTimeout().toNanos(), memory), limits.maxFrameBytes());
        }
        return frames;
    }

    /**
     * Writes a burst's replies within the write timeout, then applies the rules to them. A failed write has closed the
     * connection already; it is logged here in one line and not thrown on, because the inbound gateway would log it
     * as an ERROR with a stack trace, and then once more for every frame still buffered.
     */
    @Override
    public void send(Message<?> message) {
        arm(Deadline.WRITE, System.nanoTime());
        try {
            super.send(message);
        } catch (MessagingException e) {
            if (closedBecause == null) {
                // Only the cause: the exception's own message holds the whole reply message.
                events.info(
                        log,
                        "{} gone before its reply was written: {}",
                        getConnectionId(),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
            }
            return;
        } finally {
            deadline = 0;
        }
        if (message.getHeaders().get(BatchFrameHandler.REPLIES) instanceof List<?> replies) {
            obeyRules(replies);
        }
    }

    /** Called by the watchdog: closes the connection if its handshake or write is past its deadline. */
    void closeIfOverdue(long nanoTime) {
        long due = deadline;
        if (due != 0 && nanoTime - due > 0) {
            Deadline kind = deadlineKind;
            try {
                // Close at once (RST). Otherwise a TLS socket's close waits for the lock its blocked writer holds,
                // to send close_notify, and with it this watchdog thread would hang too.
                socket.setSoLinger(true, 0);
            } catch (SocketException e) {
                // Closed already; closing again is harmless.
            }
            closeBecause(kind.reason(kind.timeout(limits)));
        }
    }

    private void obeyRules(List<?> replies) {
        long now = System.nanoTime();
        for (Object each : replies) {
            Reply reply = (Reply) each;
            rules.answered(reply, now);
            if (!reply.acknowledged()) {
                rejections.rejected(reply, now);
            }
        }
        if (rules.onlyRejectedTooLong(now)) {
            closeBecause("closed after its last reply: only rejected frames for "
                    + seconds(limits.rejectedFramesTimeout()) + " (" + rules.rejectedInRun() + " of them)"
                    + " (txgate.server.rejected-frames-timeout)");
        }
    }

    /** Closes the connection, logging why once; reads and writes that fail from now on are not logged again. */
    private void closeBecause(String reason) {
        if (closedBecause != null) {
            return;
        }
        closedBecause = reason;
        events.info(log, "{} {}", getConnectionId(), reason);
        close();
    }

    /** Only valid batches reset the idle clock: the socket's read timeout is what is left of it. */
    private void keepIdleTimeout() {
        long left = rules.idleLeftNanos(System.nanoTime());
        if (left <= 0) {
            closedBecause = "idle";
            log.debug("{} closed: no valid batch for {}", getConnectionId(), seconds(limits.idleTimeout()));
            close();
            throw new SoftEndOfStreamException("idle");
        }
        try {
            socket.setSoTimeout((int) Math.max(
                    1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
        } catch (SocketException e) {
            throw ended(e);
        }
    }

    /**
     * Turns a failed read into a quiet end: one line at most, never a stack trace. Spring Integration would log each
     * reset or timeout as an ERROR of its own.
     */
    private SoftEndOfStreamException ended(Throwable cause) {
        if (closedBecause == null) {
            if (cause instanceof FrameInputStream.FrameTimeoutException) {
                closeBecause("closed: frame not complete within " + seconds(limits.frameTimeout())
                        + " of its first byte (txgate.server.frame-timeout)");
            } else if (cause instanceof SocketTimeoutException) {
                log.debug("{} closed: no valid batch for {}", getConnectionId(), seconds(limits.idleTimeout()));
            } else {
                events.debug(log, "{} ended by the client: {}", getConnectionId(), reason(cause));
            }
        }
        return new SoftEndOfStreamException("connection ended: " + cause);
    }

    private void handshake(SSLSocket tls) {
        try {
            tls.setSoTimeout(Math.toIntExact(limits.handshakeTimeout().toMillis()));
            tls.startHandshake();
        } catch (IOException e) {
            if (closedBecause == null) {
                events.warn(log, "{} TLS handshake failed, connection closed: {}", getConnectionId(), reason(e));
            }
            // A soft end of stream makes Spring Integration close the connection quietly: no error log, no
            // exception message into the flow.
            throw new SoftEndOfStreamException("TLS handshake failed", e);
        } finally {
            deadline = 0;
        }
        SSLSession session = tls.getSession();
        String client = ClientIdMapper.subjectOf(session);
        if (client != null) {
            identity = client;
            identities.opened(client);
        }
        events.info(
                log,
                "{} TLS connection open: {} {}, client certificate {}",
                getConnectionId(),
                session.getProtocol(),
                session.getCipherSuite(),
                client == null ? "none" : "'" + client + "'");
    }

    private void arm(Deadline kind, long nanoTime) {
        deadlineKind = kind;
        deadline = nanoTime + kind.timeout(limits).toNanos();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The innermost message says what went wrong (expired, unknown CA, not TLS at all, reset, broken pipe). */
    private static String reason(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root == e ? e.toString() : e + " (" + root + ")";
    }

    /** The deadlines the watchdog enforces. */
    private enum Deadline {
        HANDSHAKE {
            @Override
            Duration timeout(ConnectionLimits limits) {
                return limits.handshakeTimeout();
            }

            @Override
            String reason(Duration timeout) {
                return "closed: TLS handshake not done within " + seconds(timeout)
                        + " of accept (txgate.server.ssl.handshake-timeout)";
            }
        },
        WRITE {
            @Override
            Duration timeout(ConnectionLimits limits) {
                return limits.writeTimeout();
            }

            @Override
            String reason(Duration timeout) {
                return "closed: the client did not read its replies for " + seconds(timeout)
                        + " (txgate.server.write-timeout)";
            }
        };

        abstract Duration timeout(ConnectionLimits limits);

        abstract String reason(Duration timeout);
    }

    /**
     * Socket details with the local address read once. Spring Integration puts it into every message's headers, and
     * on an open socket each read is a {@code getsockname} system call for a value that cannot change (about 4% of a
     * connection thread's CPU under load).
     */
    static final class OpenSocketInfo extends SocketInfo {

        private final InetAddress localAddress;

        OpenSocketInfo(Socket socket) {
            super(socket);
            this.localAddress = socket.getLocalAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return localAddress;
        }
    }
}
