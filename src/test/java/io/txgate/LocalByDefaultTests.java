package io.txgate;

import static io.txgate.support.HostAddresses.IPV4_LOOPBACK;
import static io.txgate.support.HostAddresses.IPV6_LOOPBACK;
import static io.txgate.support.HostAddresses.accepts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.ingest.IngestListeners;
import io.txgate.support.HostAddresses;
import io.txgate.support.IngestServerTestBase;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Started with no address settings at all, every listener (ingest, HTTP, management on its own port) is bound to
 * this machine's loopback and nothing else: checked on the bound sockets and by connecting to each address.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "management.server.port=0")
class LocalByDefaultTests extends IngestServerTestBase {

    @Autowired
    IngestListeners ingestListeners;

    @Autowired
    WebServerApplicationContext web;

    @LocalServerPort
    int httpPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void ingestWhenNoAddressConfiguredShouldBeBoundToBothLoopbackAddressesOnly() {
        int port = ingestPort();
        await().atMost(Duration.ofSeconds(10)).until(ingestListeners::isListening);

        assertThat(ingestListeners.addresses()).containsExactlyElementsOf(loopback(port));
        assertOnlyLoopbackAccepts(port);
    }

    @Test
    void httpWhenNoAddressConfiguredShouldHaveOneConnectorPerLoopbackAddressOnOnePort() {
        List<String> bound = new ArrayList<>();
        for (Connector connector :
                ((TomcatWebServer) web.getWebServer()).getTomcat().getService().findConnectors()) {
            InetAddress address = ((AbstractProtocol<?>) connector.getProtocolHandler()).getAddress();
            bound.add(address.getHostAddress() + " " + connector.getLocalPort());
        }
        List<String> expected = new ArrayList<>(List.of("127.0.0.1 " + httpPort));
        if (HostAddresses.hasIpv6Loopback()) {
            expected.add(IPV6_LOOPBACK.getHostAddress() + " " + httpPort);
        }

        assertThat(bound).containsExactlyElementsOf(expected);
        assertOnlyLoopbackAccepts(httpPort);
    }

    @Test
    void managementWhenOnItsOwnPortShouldOnlyAcceptOnLoopback() {
        assertThat(managementPort).isNotEqualTo(httpPort);

        assertOnlyLoopbackAccepts(managementPort);
    }

    @Test
    void readyLineWhenStartedShouldNameEveryBoundAddressAndTheSecurity(CapturedOutput output) {
        int port = ingestPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("txgate ready:"));

        assertThat(output.getAll())
                .contains("txgate ready: ingest " + String.join(" ", loopback(port)) + " (plain TCP); HTTP "
                        + String.join(" ", loopback(httpPort)) + "; management "
                        + String.join(" ", loopback(managementPort)) + "; store jdbc:sqlite:");
    }

    private static List<String> loopback(int port) {
        return HostAddresses.hasIpv6Loopback()
                ? List.of("127.0.0.1:" + port, "[::1]:" + port)
                : List.of("127.0.0.1:" + port);
    }

    private static void assertOnlyLoopbackAccepts(int port) {
        assertThat(accepts(IPV4_LOOPBACK, port)).as("127.0.0.1:%d", port).isTrue();
        if (HostAddresses.hasIpv6Loopback()) {
            assertThat(accepts(IPV6_LOOPBACK, port)).as("[::1]:%d", port).isTrue();
        }
        HostAddresses.nonLoopbackIpv4()
                .ifPresent(address -> assertThat(accepts(address, port))
                        .as("%s:%d, this host's own network address", address.getHostAddress(), port)
                        .isFalse());
    }
}
