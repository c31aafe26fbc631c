package io.txgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.IngestServerTestBase;
import io.txgate.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that send their request slowly, against a real server whose API port has only 4 request threads: request
 * bodies must never hold a thread and unfinished heads are closed at the header deadline, while the probes and an
 * honest reader are served throughout. Loopback only; a few dozen sockets, each test bounded to seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "server.tomcat.threads.max=4",
            "server.tomcat.threads.min-spare=1",
            "txgate.http.header-deadline=2s"
        })
class SlowClientTests extends IngestServerTestBase {

    private static final int ATTACKERS = 24;

    private final List<Socket> attackers = new ArrayList<>();

    @AfterEach
    void closeAttackers() throws IOException {
        for (Socket socket : attackers) {
            socket.close();
        }
    }

    /**
     * Each socket announces a body and withholds it (as if it were trickling in very slowly): before, each such
     * request held a request thread until the body was read and discarded.
     */
    @Test
    void bodiesWhenWithheldShouldHoldNoThreadWhileProbesAndReadsAnswer(CapturedOutput output) throws IOException {
        for (int i = 0; i < ATTACKERS; i++) {
            boolean toManagement = i % 4 == 3;
            String head = toManagement
                    ? "POST /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n"
                    : "GET /api/transactions?account=ACC-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + TestTokens.READER + "\r\nContent-Length: 100000\r\n\r\n";
            attack(toManagement ? management().port() : api().port(), head);
        }

        // More withheld bodies than the API port has threads: an honest read and both probes still answer.
        assertServed();
        for (Socket socket : attackers) {
            String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("request body: not accepted");
        }
        assertServed();
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    /** Each socket sends its head one byte every 200 ms, so no single read ever times out; only the deadline helps. */
    @Test
    void headsWhenTrickledShouldBeClosedAtTheDeadlineWhileProbesAndReadsAnswer() throws IOException {
        for (int i = 0; i < ATTACKERS; i++) {
            attack(i % 2 == 0 ? api().port() : management().port(), "GET /api/transactions?account=ACC-1 HTTP/1.1\r\n");
        }
        var trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            trickle.scheduleAtFixedRate(
                    () -> attackers.forEach(socket -> send(socket, "X-Slow: 1\r\n")), 0, 200, TimeUnit.MILLISECONDS);

            assertServed();
            // Without the deadline these would stay open for as long as the trickle goes on.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> attackers.stream().allMatch(SlowClientTests::closed));
            assertServed();
        } finally {
            trickle.shutdownNow();
        }
    }

    private void assertServed() {
        assertThat(management().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().as(TestTokens.READER)
                        .get("/api/transactions?account=ACC-1")
                        .status())
                .isEqualTo(200);
    }

    private void attack(int port, String head) throws IOException {
        var socket = new Socket();
        attackers.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        send(socket, head);
    }

    private static void send(Socket socket, String text) {
        try {
            if (!socket.isClosed()) {
                socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
        } catch (IOException e) {
            // Closed by the server: what the test waits for.
        }
    }

    /** What the server wrote before it closed the connection (or reset it). */
    private static String readUntilClosed(Socket socket) {
        var answer = new StringBuilder();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for 10 s: " + answer, e);
        } catch (IOException e) {
            // A reset after the answer: the server closed without reading what was left.
        }
        return answer.toString();
    }

    /** True once the server has closed the connection: a read ends or fails instead of waiting. */
    private static boolean closed(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
