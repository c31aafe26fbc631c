package io.txgate.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.protocol.Batch;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.FailoverClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.outbound.TcpOutboundGateway;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;

/**
 * The client side: a schedule that generates batches into the outbox, and a TCP flow that the outbox sender uses to
 * deliver them.
 */
@Configuration(proxyBeanMethods = false)
@Profile("client")
class ClientConfiguration {

    /**
     * One shared connection (not single-use): batches go one at a time, and a new connection is opened only after the
     * old one failed or timed out (the outbound gateway closes a connection whose reply did not come in time). With
     * several servers ({@code txgate.client.servers}) a failover factory tries them in order whenever a connection
     * cannot be had; the outbox resends the unacknowledged batch, with its batchId, to whichever server answers.
     */
    @Bean
    AbstractClientConnectionFactory clientConnectionFactory(
            ClientProperties properties,
            SslBundles sslBundles,
            ServerSwitchLog serverSwitchLog,
            BeanFactory beanFactory,
            ApplicationEventPublisher events) {
        List<ServerAddress> servers = properties.serverAddresses();
        if (servers.size() == 1) {
            return serverConnectionFactory(servers.get(0), properties, sslBundles, serverSwitchLog);
        }
        List<AbstractClientConnectionFactory> delegates = new ArrayList<>();
        for (ServerAddress server : servers) {
            var delegate = serverConnectionFactory(server, properties, sslBundles, serverSwitchLog);
            // The delegates are not beans of their own; the failover factory starts and stops them.
            delegate.setBeanFactory(beanFactory);
            delegate.setApplicationEventPublisher(events);
            delegate.afterPropertiesSet();
            delegates.add(delegate);
        }
        return new FailoverClientConnectionFactory(delegates);
    }

    private static TcpNetClientConnectionFactory serverConnectionFactory(
            ServerAddress server, ClientProperties properties, SslBundles sslBundles, ServerSwitchLog switches) {
        var factory = new ServerConnectionFactory(server, switches);
        factory.setConnectTimeout(
                Math.toIntExact(Math.max(1, properties.replyTimeout().toSeconds())));
        factory.setSoTcpNoDelay(true);
        factory.setSerializer(new ByteArrayCrLfSerializer());
        var replies = new ByteArrayCrLfSerializer();
        replies.setMaxMessageSize(properties.maxFrameBytes());
        // Reuse read buffers instead of allocating max-frame-bytes for every small reply.
        replies.setPoolSize(-1);
        factory.setDeserializer(replies);
        ClientTls.configure(factory, sslBundles, properties.ssl().bundle());
        return factory;
    }

    @Bean
    TransportFailures transportFailures(ClientProperties properties, SslBundles sslBundles) {
        String bundle = properties.ssl().bundle();
        boolean clientCertificate = bundle != null
                && !bundle.isBlank()
                && sslBundles.getBundleNames().contains(bundle)
                && sslBundles.getBundle(bundle).getStores().getKeyStore() != null;
        return new TransportFailures(
                bundle, clientCertificate, properties.replyTimeout().toString());
    }

    @Bean
    ServerSwitchLog serverSwitchLog(ClientProperties properties, TransportFailures transportFailures) {
        return new ServerSwitchLog(properties.serverAddresses(), transportFailures);
    }

    @Bean
    IntegrationFlow batchSendFlow(
            AbstractClientConnectionFactory clientConnectionFactory, ClientProperties properties) {
        return IntegrationFlow.from(BatchGateway.class, gateway -> gateway.beanName("batchGateway"))
                .handle(
                        batchOutboundGateway(clientConnectionFactory, properties),
                        endpoint -> endpoint.id("batchOutboundGateway"))
                .get();
    }

    private static TcpOutboundGateway batchOutboundGateway(
            AbstractClientConnectionFactory clientConnectionFactory, ClientProperties properties) {
        var gateway = new TcpOutboundGateway();
        gateway.setConnectionFactory(clientConnectionFactory);
        gateway.setRemoteTimeout(properties.replyTimeout().toMillis());
        // After the connection ended the gateway would wait this long (default 2 s) for a reply that NIO may deliver
        // after the close; on our blocking connections one thread reads both in order, so no reply can follow.
        gateway.setSecondChanceDelay(0);
        return gateway;
    }

    @Bean
    IntegrationFlow batchGenerationFlow(BatchGenerator generator, OutboxWriter writer, ClientProperties properties) {
        return IntegrationFlow.fromSupplier(
                        generator, source -> source.id("batchSource").poller(Pollers.fixedDelay(properties.interval())))
                .handle(Batch.class, writer, endpoint -> endpoint.id("outboxHandler"))
                .get();
    }

    @Bean
    Outbox clientOutbox(ClientProperties properties) {
        return Outbox.open(Path.of(properties.outboxPath()), properties.outboxMaxBatches(), Clock.systemUTC());
    }

    @Bean
    ClientRun clientRun(ClientProperties properties) {
        return new ClientRun(properties.count());
    }

    @Bean
    BatchGenerator batchGenerator(ClientProperties properties, Outbox clientOutbox, ClientRun clientRun) {
        String prefix = properties.batchIdPrefix().isEmpty() ? BatchIds.defaultPrefix() : properties.batchIdPrefix();
        var batchIds = new BatchIds(prefix, new SecureRandom(), Clock.systemUTC());
        var source = new RandomBatchSource(batchIds, properties.batchSize(), new SplittableRandom(), Clock.systemUTC());
        return new BatchGenerator(source, clientOutbox, clientRun);
    }

    @Bean
    OutboxWriter outboxWriter(Outbox clientOutbox, ClientRun clientRun, OutboxSender outboxSender) {
        return new OutboxWriter(clientOutbox, clientRun, outboxSender);
    }

    /** The gateway proxy is registered by {@link #batchSendFlow}, hence resolved lazily, on the first send. */
    @Bean
    OutboxSender outboxSender(
            Outbox clientOutbox,
            @Lazy BatchGateway batchGateway,
            ClientRun clientRun,
            ClientMetrics clientMetrics,
            ClientExit clientExit,
            ClientProperties properties,
            TransportFailures transportFailures,
            ServerSwitchLog serverSwitchLog) {
        return new OutboxSender(
                clientOutbox,
                batchGateway,
                clientRun,
                clientMetrics,
                clientExit,
                properties,
                transportFailures,
                serverSwitchLog);
    }

    @Bean
    ClientMetrics clientMetrics(MeterRegistry meterRegistry, Outbox clientOutbox) {
        return new ClientMetrics(meterRegistry, clientOutbox);
    }

    @Bean
    ClientExit clientExit(ApplicationContext context) {
        return new ProcessExit(context);
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(Outbox clientOutbox) {
        return new OutboxHealthIndicator(clientOutbox, Clock.systemUTC());
    }
}
