package io.txgate.client;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * The client's connection to one server. It keeps what the reading side learnt when the server hung up, so that a
 * failed write reports the server's reason rather than its own symptom.
 *
 * <p>With TLS 1.3 the client's handshake is complete before the server has checked the client certificate; a server
 * that refuses it sends an alert ({@code bad_certificate}) and closes. The first write after that often fails with
 * "Broken pipe" while the alert still waits, unread, in the socket; and Spring Integration closes the socket on a
 * failed write, so the alert would never be read. Here a failed write first gives the reading thread a moment to
 * read what is there, then carries the reading side's failure as its cause.
 *
 * <p>The end of the connection always reaches the gateway waiting for a reply, so a batch on a connection the server
 * closed is resent at once instead of after the reply timeout.
 *
 * <p>Read failures are also left to our own reporting (the outbox sender warns once per outage, the switch log names
 * the reason): Spring Integration would log each one at ERROR, on every retry.
 */
final class ClientConnection extends TcpNetConnection {

    /**
     * Longest wait of a failed write for the reading thread. A write fails when the server reset the connection, and
     * then the read ends at once too, so this is only reached on a machine too busy to run the reading thread.
     */
    private static final Duration READ_SIDE_WAIT = Duration.ofSeconds(2);

    private final ServerAddress server;
    private final ServerSwitchLog switches;
    private final CountDownLatch readEnded = new CountDownLatch(1);
    private volatile Exception readFailure;
    private volatile Thread sendingThread;

    ClientConnection(
            Socket socket,
            boolean lookupHost,
            ApplicationEventPublisher events,
            String factoryName,
            ServerAddress server,
            ServerSwitchLog switches) {
        super(socket, false, lookupHost, events, factoryName);
        this.server = server;
        this.switches = switches;
    }

    @Override
    protected boolean handleReadException(Exception exception) {
        // Spring Integration logs at ERROR unless this is set; our own lines report the failure instead.
        setNoReadErrorOnClose(true);
        boolean closed = super.handleReadException(exception);
        if (closed) {
            readFailure = exception;
            switches.failed(server, exception);
            readEnded.countDown();
            // Spring Integration tells the waiting gateway of a broken read, but not of the server closing between
            // frames (a server stopping, or closing an idle connection): a batch sent just before would wait out the
            // whole reply timeout on a connection that is gone. Tell it, so the batch is resent at once.
            if (exception instanceof SoftEndOfStreamException
                    || exception.getCause() instanceof SoftEndOfStreamException) {
                sendExceptionToListener(exception);
            }
        }
        return closed;
    }

    @Override
    public void send(Message<?> message) {
        sendingThread = Thread.currentThread();
        try {
            super.send(message);
        } catch (MessagingException writeFailure) {
            Exception serverReason = readFailure;
            if (serverReason == null) {
                throw writeFailure;
            }
            var failure = new MessagingException(message, "the server closed the connection", serverReason);
            failure.addSuppressed(writeFailure);
            throw failure;
        } finally {
            sendingThread = null;
        }
    }

    /** Called by a failed write before it closes the socket: let the reading side read the server's last words. */
    @Override
    protected void closeConnection(boolean isException) {
        if (isException && Thread.currentThread() == sendingThread) {
            try {
                readEnded.await(READ_SIDE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.closeConnection(isException);
    }
}
