package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The accept loop runs on its own thread, a port that cannot be bound stops the start, and a lost loop is told. */
class IngestServerConnectionFactoryTests {

    private final CompletableFuture<String> stopped = new CompletableFuture<>();
    private final ExecutorService connectionThreads = Executors.newCachedThreadPool();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private IngestServerConnectionFactory factory;

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.stop();
        }
        connectionThreads.shutdownNow();
        scheduler.shutdown();
    }

    @Test
    void acceptLoopWhenStartedShouldRunOnItsOwnThreadWithThePortBound() {
        factory = start(0);

        assertThat(factory.isListening()).as("bound when start() returns").isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .anyMatch(thread -> thread.getName().equals("txgate-listener"));
    }

    @Test
    void acceptLoopWhenItsSocketIsClosedUnderItShouldReportTheListenerLost() throws Exception {
        factory = start(0);
        int port = factory.getPort();

        factory.serverSocket().close();

        assertThat(stopped.get(30, TimeUnit.SECONDS)).isEqualTo("127.0.0.1:" + port + ": server socket closed");
        assertThat(factory.isListening()).isFalse();
    }

    @Test
    void acceptLoopWhenKilledByAnErrorShouldReportIt() throws Exception {
        factory = factory(0);
        factory.setTaskExecutor(task -> {
            throw new OutOfMemoryError("unable to create native thread (test)");
        });
        factory.start();

        try (var client = new Socket(InetAddress.getLoopbackAddress(), factory.getPort())) {
            assertThat(stopped.get(30, TimeUnit.SECONDS)).contains("OutOfMemoryError");
        }
    }

    @Test
    void stopWhenRequestedShouldNotBeReportedAsALoss() {
        // Another test's server may still run in this JVM (a cached context): this factory's listener is the new one.
        Set<Thread> before = listenerThreads();
        factory = start(0);
        Set<Thread> ours = listenerThreads();
        ours.removeAll(before);
        assertThat(ours).hasSize(1);

        factory.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> ours.stream().noneMatch(Thread::isAlive));
        assertThat(stopped).isNotDone();
    }

    private static Set<Thread> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("txgate-listener"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void startWhenThePortIsTakenShouldFailNamingThePortAndTheSetting() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            factory = factory(taken.getLocalPort());

            assertThatThrownBy(factory::start)
                    .isInstanceOf(IngestPortException.class)
                    .hasMessage("TCP ingest port " + taken.getLocalPort() + " is already in use (127.0.0.1:"
                            + taken.getLocalPort() + ", txgate.server.port)");
        }
        assertThat(stopped).isNotDone();
    }

    @Test
    void startWhenTheBindAddressIsNotOfThisHostShouldFailNamingTheSetting() {
        factory = factory(0);
        factory.setLocalAddress("192.0.2.1");

        assertThatThrownBy(factory::start)
                .isInstanceOf(IngestPortException.class)
                .hasMessageContaining("192.0.2.1")
                .hasMessageContaining("txgate.server.bind-address");
    }

    private IngestServerConnectionFactory start(int port) {
        var started = factory(port);
        started.start();
        return started;
    }

    private IngestServerConnectionFactory factory(int port) {
        scheduler.initialize();
        var created =
                new IngestServerConnectionFactory(port, (where, reason) -> stopped.complete(where + ": " + reason));
        created.setLocalAddress("127.0.0.1");
        created.registerListener(message -> {});
        created.setTaskExecutor(connectionThreads);
        created.setTaskScheduler(scheduler);
        created.setApplicationEventPublisher(event -> {});
        return created;
    }
}
