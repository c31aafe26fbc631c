package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

@ExtendWith(OutputCaptureExtension.class)
// A server started for this class, so that its start-up lines are in this class's output.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class LogLinesTests extends IngestServerTestBase {

    @Autowired
    LoggingSystem logging;

    /**
     * Set here and taken back, not as a test property: levels are the JVM's, and a cached context resumed after this
     * class does not set its levels again, so a property would leave the later classes' logs at DEBUG.
     */
    @BeforeEach
    void connectionLinesAtDebug() {
        logging.setLogLevel(ConnectionLog.class.getName(), LogLevel.DEBUG);
    }

    @AfterEach
    void connectionLinesAsConfigured() {
        logging.setLogLevel(ConnectionLog.class.getName(), null);
    }

    @Test
    void startWhenReadyShouldLogOneLineWithListenersSecurityStoreAndProfiles(CapturedOutput output) {
        int port = ingestPort();
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("txgate ready:"));

        String line = output.getAll()
                .lines()
                .filter(l -> l.contains("txgate ready:"))
                .findFirst()
                .orElseThrow();
        assertThat(line)
                .contains("INFO")
                .containsPattern(
                        "txgate ready: ingest 127\\.0\\.0\\.1:" + port + "( \\[::1]:" + port + ")? \\(plain TCP\\);")
                .containsPattern("; HTTP 127\\.0\\.0\\.1:(\\d+)( \\[::1]:\\1)?;")
                .containsPattern("; management 127\\.0\\.0\\.1:(\\d+)( \\[::1]:\\1)?;")
                .containsPattern("; store jdbc:sqlite:\\S+txgate\\.db;")
                .endsWith("; profiles server");
        assertThat(output.getAll().lines().filter(l -> l.contains("txgate ready:")))
                .hasSize(1);
    }

    @Test
    void rejectedFrameWhenLoggedShouldNameCodeAndConnectionButNotHoldTheBody(CapturedOutput output) {
        String secret = "ACC-SECRET-" + "9".repeat(40);
        String body = "{\"batchId\":\"log-1\",\"transactions\":[{\"id\":\"t1\",\"account\":\"" + secret
                + "\",\"amount\":\"1.00\",\"currency\":\"eur\",\"timestamp\":\"2026-11-25T10:15:30Z\"}]}";
        try (LineClient client = connect()) {
            assertThat(client.exchange(body)).contains("INVALID");
        }

        // The line is written once the reply is out, so it may come a moment after the client read the reply.
        String line = await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> output.getAll()
                                .lines()
                                .filter(l -> l.contains("rejected frame"))
                                .filter(l -> l.contains("log-1"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(line).contains("INFO").contains("INVALID").contains("transactions[0].currency");
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void connectionWhenOpenedAndClosedShouldBeLoggedAtDebug(CapturedOutput output) {
        String id;
        try (LineClient client = connect()) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> output.getAll().contains("connection opened: 127.0.0.1:"));
            id = ingestConnectionFactory.getOpenConnectionIds().get(0);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("connection closed: " + id));
        assertThat(output.getAll()).contains("DEBUG").contains("connection opened: " + id);
    }
}
