package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.HonestTerminal;
import io.txgate.support.Http;
import io.txgate.support.LineClient;
import io.txgate.support.ServerProcess;
import io.txgate.support.SqliteFile;
import io.txgate.support.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, attack 1, against the real jar at -Xmx256m: 300 connections each send 1 MiB of a frame without its LF and
 * hold it (at 512 MB, 1,000 of them killed connection threads with OutOfMemoryError, leaked their slots and once the
 * accept loop). The memory budget must hold: no OutOfMemoryError, a terminal served during and after, every slot
 * free again once the attackers leave, nothing half-stored.
 */
class MemoryAttackIT {

    private static final int ATTACKERS = 300;
    private static final int FRAME_BYTES = 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void unterminatedMebibyteFramesFrom300ConnectionsShouldNotExhaustA256MbHeap() throws Exception {
        Path database = dataDir.resolve("memory.db");
        byte[] unterminated = new byte[FRAME_BYTES];
        Arrays.fill(unterminated, (byte) '{');
        List<LineClient> attackers = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(ATTACKERS);
        // Every attacker from 127.0.0.2: the per-address cap is raised so that the memory budget is what is tested.
        try (ServerProcess server =
                ServerProcess.start(database, "256m", "--txgate.server.max-connections-per-address=1000")) {
            var http = new Http(server.managementPort()).as(TestTokens.OPERATOR);
            try (HonestTerminal terminal = HonestTerminal.start(server.tcpPort(), "oom-honest")) {
                var written = new ArrayList<CompletableFuture<Void>>();
                for (int i = 0; i < ATTACKERS; i++) {
                    LineClient attacker =
                            LineClient.connectFrom("127.0.0.2", server.tcpPort(), Duration.ofSeconds(60), 0);
                    attackers.add(attacker);
                    written.add(CompletableFuture.runAsync(() -> send(attacker, unterminated), writers));
                }
                terminal.awaitAccepted(5);
                CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
                        .get(120, TimeUnit.SECONDS);
                // All 300 MiB are sent; the frames are held (or skipped) until their LF, which never comes.
                terminal.awaitAccepted(5);
                int held = openConnections(http);

                attackers.forEach(LineClient::close);
                await().atMost(Duration.ofSeconds(60)).until(() -> openConnections(http) == 1);
                terminal.awaitAccepted(5);

                assertThat(terminal.failures()).isEmpty();
                System.out.printf(
                        "memory attack on the jar at 256 MB: %d x 1 MiB unterminated, %d connections open after"
                                + " sending, terminal's worst reply %d ms%n",
                        ATTACKERS, held, terminal.worstLatency().toMillis());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> openConnections(http) == 0);
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
        } finally {
            attackers.forEach(LineClient::close);
            writers.shutdownNow();
        }
        assertThat(new SqliteFile(database).count("""
                        select count(*) from batches b
                        where b.tx_count <> (select count(*) from transactions t
                                             where t.row_no >= b.batch_no and t.row_no < b.batch_no + b.tx_count)"""))
                .as("nothing half-stored")
                .isZero();
    }

    private static void send(LineClient attacker, byte[] bytes) {
        try {
            attacker.sendRaw(bytes);
        } catch (RuntimeException closedByServer) {
            // a frame not complete within the frame timeout ends its connection; that is allowed
        }
    }

    private static int openConnections(Http http) {
        return http.get("/actuator/health")
                .json()
                .at("/components/tcpListener/details/openConnections")
                .asInt();
    }
}
