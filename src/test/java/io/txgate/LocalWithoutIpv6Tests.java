package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a host without IPv6 loopback, 'localhost' is 127.0.0.1 alone: one INFO line says so, and the server starts.
 * A JVM told to use IPv4 only ({@code -Djava.net.preferIPv4Stack=true}) cannot bind ::1, as such a host cannot.
 */
class LocalWithoutIpv6Tests {

    @TempDir
    Path dir;

    @Test
    void serverWhenIpv6LoopbackIsMissingShouldListenOn127Only() {
        try (var server =
                ServerProcess.startFromClassPath(dir.resolve("txgate.db"), "-Djava.net.preferIPv4Stack=true")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> server.log().contains("txgate ready:"));
            String log = server.log();

            assertThat(log.lines().filter(line -> line.contains("no IPv6 loopback")))
                    .singleElement()
                    .asString()
                    .contains("INFO")
                    .contains("'localhost' listens on 127.0.0.1 only");
            assertThat(log)
                    .containsPattern("txgate ready: ingest 127\\.0\\.0\\.1:" + server.tcpPort()
                            + " \\(plain TCP\\); HTTP 127\\.0\\.0\\.1:\\d+; management 127\\.0\\.0\\.1:\\d+;")
                    .doesNotContain("[::1]")
                    .doesNotContain("ERROR");
        }
    }
}
