package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.FreePort;
import io.txgate.support.Http;
import io.txgate.support.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** A client-only process leaves the server's database alone and reports its outbox in its health. */
class ClientOnlyModeTests {

    @TempDir
    Path dir;

    @Test
    void clientOnlyWhenStartedShouldNotCreateTheServerDatabase() throws Exception {
        try (var client =
                RunningClient.start(dir, FreePort.find(), TestTokens.settings().toArray(String[]::new))) {
            assertThat(client.context().getBeanProvider(DataSource.class).getIfAvailable())
                    .isNull();
            assertThat(Files.exists(dir.resolve("server-must-not-exist.db"))).isFalse();
            assertThat(Files.exists(dir.resolve("outbox.db"))).isTrue();

            int httpPort = ((WebServerApplicationContext) client.context())
                    .getWebServer()
                    .getPort();
            // Health details (the outbox's) are for callers with a token, as on a server.
            var response = new Http(httpPort).as(TestTokens.OPERATOR).get("/actuator/health");
            // UP although the server is unreachable: a growing outbox is the client doing its job.
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("\"outbox\"").contains("\"depth\"");
        }
    }
}
