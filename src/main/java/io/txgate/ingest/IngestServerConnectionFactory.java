package io.txgate.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The ingest listener: Spring Integration's blocking TCP server, with three changes.
 *
 * <ul>
 *   <li>The accept loop runs on a thread of its own ({@code txgate-listener}), never on a connection thread, so no
 *       connection can take it down with it. (Spring Integration runs it on the connections' executor: in one attack
 *       the pool thread holding it died of an OutOfMemoryError and the port stopped accepting for good.)
 *   <li>Binding the port is part of start-up: {@link #start()} returns once the port is bound and throws
 *       {@link IngestPortException} when it cannot be, so a taken port stops the start instead of leaving a server
 *       that runs without its port.
 *   <li>When the accept loop ends without being asked to (an Error, the socket closed under it), the
 *       {@link ListenerFailure} is told, so that the process can go down and be restarted.
 * </ul>
 */
class IngestServerConnectionFactory extends TcpNetServerConnectionFactory
        implements IngestConnectionSupport.OpenConnections {

    private static final Duration BIND_WAIT = Duration.ofSeconds(30);

    private final ListenerFailure listenerFailure;
    private volatile Thread listener;
    private volatile CountDownLatch bound;
    private volatile boolean listened;
    private volatile int boundPort;
    private volatile boolean stopRequested;
    private volatile IOException bindFailure;

    IngestServerConnectionFactory(int port, ListenerFailure listenerFailure) {
        super(port);
        this.listenerFailure = listenerFailure;
    }

    @Override
    public void start() {
        stopRequested = false;
        bindFailure = null;
        checkLocalAddress();
        super.start();
        awaitBound();
    }

    @Override
    public void stop() {
        // Spring Integration stops the factory from the accept loop itself after an error on the server socket; that
        // is a failure, not a request.
        if (Thread.currentThread() != listener) {
            stopRequested = true;
        }
        super.stop();
    }

    @Override
    public int total() {
        return getOpenConnectionIds().size();
    }

    @Override
    public int from(String hostAddress) {
        int open = 0;
        for (TcpConnectionSupport connection : connections.values()) {
            // Connections refused at accept are on their way out: counting them would refuse the next ones too.
            if (connection instanceof IngestConnection
                    && connection.isOpen()
                    && hostAddress.equals(connection.getHostAddress())) {
                open++;
            }
        }
        return open;
    }

    /** Routes the accept loop (this factory) to its own thread and connections to the connection executor. */
    @Override
    protected Executor getTaskExecutor() {
        Executor connectionThreads = super.getTaskExecutor();
        return task -> {
            if (task == this) {
                startListener();
            } else {
                connectionThreads.execute(task);
            }
        };
    }

    @Override
    protected ServerSocket createServerSocket(int port, int backlog, InetAddress whichNic) throws IOException {
        try {
            return super.createServerSocket(port, backlog, whichNic);
        } catch (IOException e) {
            bindFailure = e;
            // Reported once, by start() failing; while active, Spring Integration would also log it with a stack trace.
            setActive(false);
            throw e;
        }
    }

    @Override
    protected void setListening(boolean listening) {
        super.setListening(listening);
        if (listening) {
            boundPort = getPort();
            listened = true;
            bound.countDown();
        }
    }

    private void startListener() {
        listened = false;
        bound = new CountDownLatch(1);
        // Not a daemon: like Tomcat's, a running listener keeps the JVM alive.
        var thread = new Thread(this::listen, "txgate-listener");
        listener = thread;
        thread.start();
    }

    private void listen() {
        Throwable error = null;
        try {
            run();
        } catch (Throwable e) { // NOSONAR: any end of the accept loop must be reported
            error = e;
        } finally {
            if (!listened && bindFailure == null) {
                bindFailure = new IOException("listener ended before the port was bound", error);
            }
            bound.countDown();
            if (listened && !stopRequested) {
                listenerFailure.listenerStopped(
                        getLocalAddress() + ":" + boundPort, error == null ? "server socket closed" : error.toString());
            }
        }
    }

    private void awaitBound() {
        CountDownLatch latch = bound;
        if (latch == null) {
            return;
        }
        try {
            if (!latch.await(BIND_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IngestPortException(
                        "TCP ingest port " + super.getPort() + " was not bound within " + BIND_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestPortException("interrupted while binding TCP ingest port " + super.getPort());
        }
        IOException failed = bindFailure;
        if (failed != null) {
            throw IngestPortException.bindFailed(getLocalAddress(), super.getPort(), failed);
        }
    }

    /** A host name that does not resolve fails here with the setting's name, not deep in the accept loop. */
    private void checkLocalAddress() {
        String address = getLocalAddress();
        if (address == null) {
            return;
        }
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw IngestPortException.bindFailed(address, super.getPort(), e);
        }
    }

    /** The server socket, for tests that take it away from under the accept loop. */
    ServerSocket serverSocket() {
        return getServerSocket();
    }
}
