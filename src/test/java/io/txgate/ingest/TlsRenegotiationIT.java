package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.LineClient;
import io.txgate.support.ServerProcess;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.UntilClosed;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar refuses TLS renegotiation started by a client. The JDK setting behind it only works when set before
 * the JVM's first server-side handshake, so this checks the real start-up path of {@code java -jar}, not the tests'.
 */
class TlsRenegotiationIT {

    @TempDir
    Path dataDir;

    @Test
    void packagedServerWhenTls12ClientRenegotiatesShouldCutTheConnectionOff() throws Exception {
        TestPki pki = TestPki.get();
        String bundle = "--spring.ssl.bundle.jks.ingest.keystore.";
        try (ServerProcess server = ServerProcess.start(
                dataDir.resolve("tls.db"),
                "256m",
                bundle + "location=file:" + pki.path(Store.SERVER),
                bundle + "password=" + TestPki.PASSWORD,
                bundle + "type=PKCS12",
                "--txgate.server.ssl.bundle=ingest",
                // A client that breaks its connection is a client-caused event, logged at DEBUG: show why it ended.
                "--logging.level.io.txgate.ingest.IngestConnection=DEBUG")) {
            SSLSocket socket = pki.connect(server.tcpPort(), null, "TLSv1.2");
            try (LineClient client = LineClient.over(socket)) {
                assertThat(client.exchange(Batches.valid("jar-reneg-1", 1))).contains("\"status\":\"ACCEPTED\"");

                socket.startHandshake();

                assertThat(UntilClosed.sendAndRead(client, Batches.valid("jar-reneg-2", 1)))
                        .noneMatch(line -> line.contains("\"status\""));
            }
            // The client saw the connection end; the server writes why a moment later.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.log().contains("Client initiated renegotiation is not allowed"));
            assertThat(server.log()).doesNotContain("TLS 1.2 clients may renegotiate");
        }
    }
}
