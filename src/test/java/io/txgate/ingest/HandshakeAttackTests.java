package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.HonestTerminal;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.UntilClosed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13, attack 3: clients without a certificate trickle their ClientHello one byte at a time, each byte well within
 * the read timeout. The whole handshake has a deadline from accept, so each is cut off after it; terminals with a
 * certificate are served meanwhile. Also the write timeout over TLS, where closing a socket whose writer is blocked
 * must not wait for that writer.
 */
@TestPropertySource(
        properties = {
            "txgate.server.ssl.bundle=ingest",
            "txgate.server.ssl.client-auth=need",
            "txgate.server.ssl.handshake-timeout=1s",
            "txgate.server.write-timeout=1s"
        })
class HandshakeAttackTests extends IngestServerTestBase {

    private static final int ATTACKERS = 20;

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
    }

    @Test
    void clientHellosWhenTrickledShouldBeCutAtTheDeadlineWhileTerminalsAreServed() throws Exception {
        int port = ingestPort();
        byte[] hello = clientHello();
        List<LineClient> attackers = new ArrayList<>();
        var sent = new AtomicIntegerArray(ATTACKERS);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (HonestTerminal terminal =
                HonestTerminal.start(() -> LineClient.over(TestPki.get().connect(port, Store.CLIENT)), "tls-honest")) {
            for (int i = 0; i < ATTACKERS; i++) {
                attackers.add(LineClient.connectFrom("127.0.0.2", port, Duration.ofSeconds(30), 0));
            }
            // One byte per attacker every 200 ms: each read is far inside the 1 s timeout, the hello never ends.
            trickle.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < ATTACKERS; i++) {
                            int next = sent.get(i);
                            if (next >= 0 && next < hello.length) {
                                try {
                                    attackers.get(i).sendRaw(new byte[] {hello[next]});
                                    sent.incrementAndGet(i);
                                } catch (RuntimeException closedByServer) {
                                    sent.set(i, -1 - next);
                                }
                            }
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            terminal.awaitAccepted(5);

            for (LineClient attacker : attackers) {
                assertThat(UntilClosed.read(attacker))
                        .as("no reply of any kind")
                        .noneMatch(line -> line.contains("status"));
            }
            terminal.awaitAccepted(5);

            for (int i = 0; i < ATTACKERS; i++) {
                int bytes = sent.get(i) < 0 ? -1 - sent.get(i) : sent.get(i);
                assertThat(bytes)
                        .as("attacker %d cut off before its hello was complete", i)
                        .isLessThan(hello.length);
            }
            assertThat(terminal.failures()).isEmpty();
            System.out.printf(
                    "handshake attack: hello of %d bytes, cut off after at most %d, terminal's worst reply %d ms%n",
                    hello.length, maxAbs(sent), terminal.worstLatency().toMillis());
        } finally {
            trickle.shutdownNow();
            attackers.forEach(LineClient::close);
        }
        awaitNoOpenConnections();
    }

    @Test
    void tlsClientWhenNotReadingItsRepliesShouldBeClosedAfterTheWriteTimeout() throws Exception {
        int port = ingestPort();
        byte[] frame = (Batches.valid("tls-unread", 1) + "\r\n").getBytes(StandardCharsets.UTF_8);
        var sent = new AtomicInteger();
        SSLSocket tls = TestPki.get().connect(port, Store.CLIENT);
        tls.setReceiveBufferSize(4096);
        try (LineClient attacker = LineClient.over(tls);
                HonestTerminal terminal = HonestTerminal.start(
                        () -> LineClient.over(TestPki.get().connect(port, Store.CLIENT)), "tls-unread-honest")) {
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        attacker.sendRaw(frame);
                        sent.incrementAndGet();
                    }
                } catch (RuntimeException closedByServer) {
                    // the end this test waits for
                }
            });
            terminal.awaitAccepted(3);

            flood.get(60, TimeUnit.SECONDS);
            terminal.awaitAccepted(3);

            assertThat(sent.get()).as("cut off long before the flood ended").isLessThan(50_000);
            assertThat(terminal.failures()).isEmpty();
        }
        awaitNoOpenConnections();
    }

    /** The first flight of a TLS client without a certificate, as a JDK client would send it. */
    private static byte[] clientHello() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine("localhost", 9400);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    private static int maxAbs(AtomicIntegerArray sent) {
        int most = 0;
        for (int i = 0; i < sent.length(); i++) {
            most = Math.max(most, sent.get(i) < 0 ? -1 - sent.get(i) : sent.get(i));
        }
        return most;
    }
}
