package io.txgate.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * A client connection built the way the client profile builds one: a Spring Integration NET client connection factory,
 * CR LF framing, and whatever the test configures on the factory (TLS) before it starts.
 */
public final class IntegrationClient implements AutoCloseable {

    private final TcpNetClientConnectionFactory factory;
    /**
     * What the connection read: replies, and a read failure as an {@link ErrorMessage} whose payload is the exception
     * (Spring Integration hands both to the listener, e.g. when the server closes the connection or TLS fails).
     */
    private final BlockingQueue<Message<?>> inbound = new LinkedBlockingQueue<>();

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
        factory.registerListener(client.inbound::add);
        factory.start();
        return client;
    }

    /**
     * Sends one frame and waits for its reply: null if none came in time; a failed send (e.g. a refused handshake)
     * throws, and so does a connection that failed before the reply came.
     */
    public String exchange(String frameBody) throws InterruptedException, IOException {
        factory.getConnection()
                .send(MessageBuilder.withPayload(frameBody.getBytes(StandardCharsets.UTF_8))
                        .build());
        Message<?> message = inbound.poll(20, TimeUnit.SECONDS);
        if (message instanceof ErrorMessage failure) {
            throw new IOException("connection failed before a reply: " + failure.getPayload(), failure.getPayload());
        }
        return message == null ? null : new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        factory.stop();
    }
}
