package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.support.HostAddresses;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BindAddressesTests {

    @Test
    void localhostWhenDefaultShouldMeanBothLoopbackAddresses() {
        List<String> expected =
                HostAddresses.hasIpv6Loopback() ? List.of("127.0.0.1", "0:0:0:0:0:0:0:1") : List.of("127.0.0.1");

        assertThat(resolve(Map.of(), false)).containsExactlyElementsOf(expected);
        assertThat(resolve(Map.of("bind-address", "LocalHost, 127.0.0.1"), false))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void loopbackLiteralsWhenPlainShouldNeedNoOptIn() {
        assertThat(resolve(Map.of("bind-address", "127.0.0.2"), false)).containsExactly("127.0.0.2");
    }

    @Test
    void networkAddressWhenPlainShouldNeedTheOptInOrTls() {
        Map<String, String> network = Map.of("bind-address", "192.0.2.10");

        assertThatThrownBy(() -> resolve(network, false))
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        e -> assertThat(e.getName()).isEqualTo("txgate.server.bind-address"))
                .hasMessageContaining("plain TCP on 192.0.2.10");
        assertThat(resolve(network, true)).containsExactly("192.0.2.10");
        assertThat(resolve(Map.of("bind-address", "192.0.2.10", "allow-plaintext", "true"), false))
                .containsExactly("192.0.2.10");
    }

    @Test
    void wildcardWhenListedWithOthersShouldBeRefused() {
        assertThatThrownBy(() -> resolve(Map.of("bind-address", "0.0.0.0,127.0.0.1"), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("list it alone");
    }

    @Test
    void hostNameWhenItDoesNotResolveShouldBeRefusedNamingIt() {
        assertThatThrownBy(() -> resolve(Map.of("bind-address", "no-such-host.invalid"), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("'no-such-host.invalid' is neither an IP address nor a host name");
    }

    private static List<String> resolve(Map<String, String> settings, boolean tls) {
        Map<String, String> prefixed = new HashMap<>();
        settings.forEach((key, value) -> prefixed.put("txgate.server." + key, value));
        IngestProperties properties = new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("txgate.server", IngestProperties.class);
        return BindAddresses.resolve(properties, tls).stream()
                .map(InetAddress::getHostAddress)
                .toList();
    }
}
