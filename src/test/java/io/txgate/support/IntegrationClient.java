package io.txgate.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.support.MessageBuilder;

/**
 * A client connection built the way the client profile builds one: a Spring Integration NET client connection factory,
 * CR LF framing, and whatever the test configures on the factory (TLS) before it starts.
 */
public final class IntegrationClient implements AutoCloseable {

    private final TcpNetClientConnectionFactory factory;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private IntegrationClient(TcpNetClientConnectionFactory factory) {
        this.factory = factory;
    }

    public static IntegrationClient start(String host, int port, Consumer<TcpNetClientConnectionFactory> customizer) {
        var factory = new TcpNetClientConnectionFactory(host, port);
        factory.setSerializer(new ByteArrayCrLfSerializer());
        factory.setDeserializer(new ByteArrayCrLfSerializer());
        factory.setSoTimeout(20_000);
        factory.setApplicationEventPublisher(event -> {});
        customizer.accept(factory);
        var client = new IntegrationClient(factory);
        factory.registerListener(
                message -> client.replies.add(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8)));
        factory.start();
        return client;
    }

    /** Sends one frame and waits for its reply; a failed send (e.g. a refused handshake) throws. */
    public String exchange(String frameBody) throws InterruptedException {
        factory.getConnection()
                .send(MessageBuilder.withPayload(frameBody.getBytes(StandardCharsets.UTF_8))
                        .build());
        return replies.poll(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        factory.stop();
    }
}
