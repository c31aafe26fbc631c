package io.txgate;

import static io.txgate.support.HostAddresses.IPV4_LOOPBACK;
import static io.txgate.support.HostAddresses.IPV6_LOOPBACK;
import static io.txgate.support.HostAddresses.accepts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.txgate.ingest.IngestListeners;
import io.txgate.support.Batches;
import io.txgate.support.HostAddresses;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Listening beyond loopback is one setting per listener, and plain, unauthenticated ingest on the network needs the
 * operator's explicit yes: without it the start fails with a message saying what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpeningUpTests {

    @TempDir
    Path dir;

    @Test
    void plainIngestWhenBoundToEveryAddressWithoutOptInShouldNotStartAndSayWhatToDo(CapturedOutput output) {
        assertThatThrownBy(() -> start(WebApplicationType.NONE, "txgate.server.bind-address=0.0.0.0")
                        .close())
                .rootCause()
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        e -> assertThat(e.getName()).isEqualTo("txgate.server.bind-address"))
                .hasMessageContaining("plain TCP on every address would let anyone who reaches this port store batches")
                .hasMessageContaining("txgate.server.ssl.bundle=NAME")
                .hasMessageContaining("txgate.server.allow-plaintext=true");
        // What the operator reads: Spring Boot's failure report names the setting, its value and the reason.
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("txgate.server.bind-address")
                .contains("txgate.server.allow-plaintext=true");
    }

    @Test
    void plainIngestWhenBoundToANetworkAddressWithoutOptInShouldNotStartNamingTheAddress() {
        assertThatThrownBy(() -> start(WebApplicationType.NONE, "txgate.server.bind-address=localhost,192.0.2.10")
                        .close())
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("plain TCP on 192.0.2.10 would let anyone");
    }

    @Test
    void plainIngestWhenOptedInShouldStartAndAcceptOnTheNetworkAddress() throws Exception {
        InetAddress network = HostAddresses.nonLoopbackIpv4().orElse(IPV4_LOOPBACK);
        String bindAddress = network.equals(IPV4_LOOPBACK) ? "0.0.0.0" : network.getHostAddress();
        try (var server = start(
                WebApplicationType.NONE,
                "txgate.server.bind-address=" + bindAddress,
                "txgate.server.allow-plaintext=true")) {
            int port = ingestPort(server);

            try (LineClient client = LineClient.over(connect(network, port))) {
                assertThat(client.exchange(Batches.valid("opened-1", 1))).contains("\"status\":\"ACCEPTED\"");
            }
            assertThat(server.getBean(IngestListeners.class).addresses())
                    .containsExactly((bindAddress.equals("0.0.0.0") ? "*" : bindAddress) + ":" + port);
        }
    }

    @Test
    void tlsIngestWhenBoundToEveryAddressShouldStartWithoutOptIn() {
        TestPki pki = TestPki.get();
        String bundle = "spring.ssl.bundle.jks.ingest.keystore.";
        try (var server = start(
                WebApplicationType.NONE,
                "txgate.server.bind-address=0.0.0.0",
                bundle + "location=file:" + pki.path(Store.SERVER),
                bundle + "password=" + TestPki.PASSWORD,
                bundle + "type=PKCS12",
                "txgate.server.ssl.bundle=ingest")) {
            int port = ingestPort(server);

            try (LineClient client = LineClient.over(pki.connect(port, null))) {
                assertThat(client.exchange(Batches.valid("tls-open-1", 1))).contains("\"status\":\"ACCEPTED\"");
            }
            assertThat(server.getBean(IngestListeners.class).security()).startsWith("TLS");
        }
    }

    @Test
    void httpWhenGivenALiteralLoopbackAddressShouldListenThereOnly() {
        try (var server = start(WebApplicationType.SERVLET, "server.port=0", "server.address=127.0.0.1")) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();

            assertThat(accepts(IPV4_LOOPBACK, port)).isTrue();
            assertThat(accepts(IPV6_LOOPBACK, port)).isFalse();
        }
    }

    @Test
    void httpWhenGivenTheNameLocalhostShouldListenOnBothLoopbackAddresses() {
        try (var server = start(WebApplicationType.SERVLET, "server.port=0", "server.address=localhost")) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();

            assertThat(accepts(IPV4_LOOPBACK, port)).isTrue();
            assertThat(accepts(IPV6_LOOPBACK, port)).isEqualTo(HostAddresses.hasIpv6Loopback());
        }
    }

    private ConfigurableApplicationContext start(WebApplicationType web, String... properties) {
        return new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server")
                .web(web)
                .properties("txgate.server.port=0", "txgate.store.path=" + dir.resolve("txgate.db"))
                .properties(properties)
                .run();
    }

    private static int ingestPort(ConfigurableApplicationContext server) {
        var listeners = server.getBean(IngestListeners.class);
        await().atMost(Duration.ofSeconds(10)).until(listeners::isListening);
        return listeners.port();
    }

    private static Socket connect(InetAddress address, int port) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress(address, port), 5_000);
        socket.setSoTimeout(20_000);
        return socket;
    }
}
