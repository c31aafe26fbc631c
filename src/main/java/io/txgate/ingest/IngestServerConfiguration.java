package io.txgate.ingest;

import io.txgate.protocol.BatchParser;
import io.txgate.store.BatchStore;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The server side: the TCP listeners and the flow from frames to replies. */
@Configuration(proxyBeanMethods = false)
@Profile("server")
class IngestServerConfiguration {

    private static final int REPLY_SEND_BUFFER_BYTES = 8 * 1024;

    /**
     * One listener per bind address ({@code localhost} is two: 127.0.0.1 and ::1). Fails the start when plain TCP would
     * listen beyond loopback without {@code txgate.server.allow-plaintext}.
     */
    @Bean
    IngestListeners ingestListeners(
            IngestProperties properties,
            IngestTlsProperties tls,
            SslBundles sslBundles,
            Environment environment,
            ApplicationContext context,
            MemoryBudget ingestMemoryBudget,
            ConnectionWatchdog connectionWatchdog,
            ClientEventLog clientEventLog,
            ConnectionActivity connectionActivity) {
        IngestTls ingestTls = IngestTls.of(tls, sslBundles);
        List<InetAddress> addresses = BindAddresses.resolve(properties, ingestTls != null);
        var listeners = new IngestListeners(
                properties.port(),
                ingestTls == null ? "plain TCP" : ingestTls.description(),
                ExitOnListenerFailure.exitingTheJvm(context));
        Executor threads = connectionThreads(environment);
        // The caps count the connections of all listeners together.
        var connections = new IngestConnectionSupport(
                ConnectionLimits.of(properties, tls),
                listeners,
                ingestMemoryBudget,
                connectionWatchdog,
                clientEventLog,
                connectionActivity);
        for (InetAddress address : addresses) {
            IngestServerConnectionFactory factory = listeners.listenOn(address);
            configure(factory, properties, threads, connections);
            if (ingestTls != null) {
                ingestTls.applyTo(factory);
            }
        }
        return listeners;
    }

    /** The first listener as a bean: what the inbound gateway, the drain and the tests know as the ingest port. */
    @Bean
    IngestServerConnectionFactory ingestConnectionFactory(IngestListeners ingestListeners) {
        return ingestListeners.first();
    }

    private static void configure(
            IngestServerConnectionFactory factory,
            IngestProperties properties,
            Executor threads,
            IngestConnectionSupport connections) {
        factory.setBacklog(properties.backlog());
        factory.setSoTimeout(Math.toIntExact(properties.idleTimeout().toMillis()));
        factory.setSoTcpNoDelay(true);
        // A reverse DNS lookup per accepted connection would make accepting as slow as the resolver.
        factory.setLookupHost(false);
        // Spring Integration gives each connection a send buffer on the heap as large as the socket's SO_SNDBUF, which
        // Linux auto-tunes up to megabytes (tcp_wmem): 1,000 connections ran a 512 MB heap out of memory. Replies are
        // small, so a fixed 8 KiB (the kernel doubles it) costs nothing and keeps a connection's heap share small.
        factory.setSoSendBufferSize(REPLY_SEND_BUFFER_BYTES);
        // No deserializer: each IngestConnection reads its frames itself (ConnectionFrames).
        factory.setSerializer(new ByteArrayCrLfSerializer());
        factory.setTaskExecutor(threads);
        factory.setTcpNetConnectionSupport(connections);
    }

    /** What all connections together may hold for frames not yet answered (txgate.server.max-buffered-bytes). */
    @Bean
    MemoryBudget ingestMemoryBudget(IngestProperties properties) {
        return new MemoryBudget(properties.bufferedBytes());
    }

    @Bean
    ClientEventLog clientEventLog() {
        return new ClientEventLog();
    }

    /** The last rejections and the connections per client identity, shown on the status page (io.txgate.status). */
    @Bean
    ConnectionActivity connectionActivity() {
        return new ConnectionActivity();
    }

    @Bean
    ConnectionWatchdog connectionWatchdog(
            IngestProperties properties, IngestTlsProperties tls, ClientEventLog clientEventLog) {
        return new ConnectionWatchdog(ConnectionLimits.of(properties, tls).watchdogTick(), clientEventLog);
    }

    /**
     * One thread per connection reads a frame, waits for its commit and writes the reply, then reads the next. That
     * keeps replies in request order without resequencing, and lets a client that half-closes after its last frame
     * (as {@code echo ... | nc} does) still get every reply; Spring Integration's NIO connection closes the socket as
     * soon as it reads end-of-stream. On Java 21+ with {@code spring.threads.virtual.enabled=true} these threads are
     * virtual, so connections waiting for a commit cost no platform threads; on Java 17 they are platform threads,
     * created on demand and retired after a minute idle.
     */
    private static Executor connectionThreads(Environment environment) {
        if (Threading.VIRTUAL.isActive(environment)) {
            var virtual = new SimpleAsyncTaskExecutor("txgate-conn-");
            virtual.setVirtualThreads(true);
            return virtual;
        }
        // Daemon threads: an idle pool thread must not keep the JVM alive for a minute after a failed start; the
        // listener threads (IngestServerConnectionFactory) are what keep a running server's JVM up.
        var threads = new CustomizableThreadFactory("txgate-conn-");
        threads.setDaemon(true);
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    @Bean
    IngestService ingestService(IngestProperties properties, BatchStore store) {
        var parser = new BatchParser(properties.maxTransactions(), properties.maxFrameBytes());
        return new IngestService(parser, store, properties.replyTimeout());
    }

    @Bean
    BatchFrameHandler batchFrameHandler(IngestService ingest, ObjectProvider<FrameObserver> observer) {
        return new BatchFrameHandler(ingest, observer.getIfAvailable(() -> FrameObserver.NONE));
    }

    /** Stops before the gateway and the web server: see {@link IngestDrain}. */
    @Bean
    IngestDrain ingestDrain(
            IngestService ingest,
            IngestListeners ingestListeners,
            BeanFactory beans,
            ApplicationEventPublisher events,
            IngestProperties properties) {
        return new IngestDrain(ingest, ingestListeners, beans, events, properties);
    }

    /** One gateway for all listeners: it answers each frame on the connection it came from, whichever listener. */
    @Bean
    TcpInboundGateway ingestGateway(IngestListeners ingestListeners) {
        var gateway = new TcpInboundGateway();
        gateway.setConnectionFactory(ingestListeners.first());
        for (var listener : ingestListeners.others()) {
            listener.registerListener(gateway);
            listener.registerSender(gateway);
        }
        return gateway;
    }

    @Bean
    IntegrationFlow ingestFlow(TcpInboundGateway ingestGateway, BatchFrameHandler handler) {
        return IntegrationFlow.from(ingestGateway)
                .handle(FrameBurst.class, handler, endpoint -> endpoint.id("ingestHandler"))
                .get();
    }
}
