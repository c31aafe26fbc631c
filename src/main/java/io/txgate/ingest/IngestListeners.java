package io.txgate.ingest;

import io.txgate.Loopback;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The ingest port's listeners: one Spring Integration server connection factory per bind address, all on one port
 * and all feeding the one inbound gateway, so one flow, one connection cap and one set of metrics serve them all.
 *
 * <p>The first listener is the bean {@code ingestConnectionFactory}, which the gateway starts and stops like any
 * server connection factory; this lifecycle starts the others right after the gateway and stops them right before
 * it. With port 0 (tests), every listener binds the port the first one to bind was given.
 */
public final class IngestListeners
        implements SmartLifecycle,
                BeanFactoryAware,
                ApplicationEventPublisherAware,
                IngestConnectionSupport.OpenConnections {

    private final int port;
    private final String security;
    private final ListenerFailure listenerFailure;
    private final List<IngestServerConnectionFactory> listeners = new ArrayList<>();
    private int agreedPort;
    private BeanFactory beanFactory;
    private ApplicationEventPublisher events;
    private volatile boolean running;
    private boolean othersInitialised;

    IngestListeners(int port, String security, ListenerFailure listenerFailure) {
        this.port = port;
        this.security = security;
        this.listenerFailure = listenerFailure;
    }

    /** A new listener on {@code address}, for the caller to configure before start. */
    IngestServerConnectionFactory listenOn(InetAddress address) {
        var listener = new Listener(port, this, listenerFailure);
        listener.setLocalAddress(address.getHostAddress());
        listeners.add(listener);
        return listener;
    }

    /** The listener that is the bean {@code ingestConnectionFactory}. */
    IngestServerConnectionFactory first() {
        return listeners.get(0);
    }

    /** The listeners on the other addresses, started and stopped by this lifecycle. */
    List<IngestServerConnectionFactory> others() {
        return listeners.subList(1, listeners.size());
    }

    /** Whether every listener has bound its address. */
    public boolean isListening() {
        return listeners.stream().allMatch(AbstractServerConnectionFactory::isListening);
    }

    /** Whether {@code source} (of an event) is one of these listeners. */
    public boolean owns(Object source) {
        return listeners.stream().anyMatch(listener -> listener == source);
    }

    /** The port all listeners share; the bound one once listening when 0 was configured. */
    public int port() {
        return first().getPort();
    }

    /** Connections open on all listeners together: the connection caps count them all. */
    @Override
    public int total() {
        int open = 0;
        for (var listener : listeners) {
            open += listener.total();
        }
        return open;
    }

    @Override
    public int from(String hostAddress) {
        int open = 0;
        for (var listener : listeners) {
            open += listener.from(hostAddress);
        }
        return open;
    }

    /** Where the listeners listen, such as {@code 127.0.0.1:9400, [::1]:9400}: the bound addresses once bound. */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        for (var listener : listeners) {
            SocketAddress bound = listener.getServerSocketAddress();
            if (bound instanceof InetSocketAddress socket) {
                addresses.add(Loopback.withPort(socket.getAddress(), socket.getPort()));
            } else {
                addresses.add(listener.getLocalAddress() + ":" + listener.getPort());
            }
        }
        return addresses;
    }

    /** {@code plain TCP}, or the TLS settings, for the start-up log. */
    public String security() {
        return security;
    }

    /** From now on every listener closes new connections right after accepting them. */
    void beforeShutdown() {
        listeners.forEach(AbstractServerConnectionFactory::beforeShutdown);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void start() {
        for (var listener : others()) {
            // Not beans of their own (their number comes from a setting), so they get what a bean would here.
            if (!othersInitialised) {
                listener.setBeanName("ingestConnectionFactory@" + listener.getLocalAddress());
                listener.setBeanFactory(beanFactory);
                listener.setApplicationEventPublisher(events);
                listener.afterPropertiesSet();
            }
            listener.start();
        }
        othersInitialised = true;
        running = true;
    }

    @Override
    public void stop() {
        others().forEach(AbstractServerConnectionFactory::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Right after the inbound gateway (phase 0) starts, right before it stops. */
    @Override
    public int getPhase() {
        return 1;
    }

    /** Binds {@code configured}, or with 0 the port the first listener to bind was given. */
    private synchronized ServerSocket bind(int configured, PortBinder binder) throws IOException {
        ServerSocket socket = binder.bind(configured != 0 ? configured : agreedPort);
        if (configured == 0 && agreedPort == 0) {
            agreedPort = socket.getLocalPort();
        }
        return socket;
    }

    @FunctionalInterface
    private interface PortBinder {
        ServerSocket bind(int port) throws IOException;
    }

    /** A listener on one address that binds the port its group agreed on. */
    private static final class Listener extends IngestServerConnectionFactory {

        private final IngestListeners group;

        Listener(int port, IngestListeners group, ListenerFailure listenerFailure) {
            super(port, listenerFailure);
            this.group = group;
        }

        @Override
        protected ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return group.bind(port, agreed -> super.createServerSocket(agreed, backlog, address));
        }
    }
}
