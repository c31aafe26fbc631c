package io.txgate.ops;

import io.txgate.Loopback;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Tomcat for the read API and actuator, listening on this machine's loopback unless told otherwise: with
 * {@code server.address} (or {@code management.server.address}) unset or {@code localhost}, on 127.0.0.1 and ::1;
 * with any other value, on exactly that address ({@code 0.0.0.0} for every address).
 *
 * <p>A Tomcat connector binds one address, so the second loopback address gets a second connector, made by the same
 * {@link #customizeConnector} as the first (the same customizers, TLS and compression) and bound to the same port;
 * with port 0 (tests), the port the first one was given. The management server's child context builds its web server
 * from this class too, so actuator on its own port follows the same rule.
 */
class LoopbackTomcatServletWebServerFactory extends TomcatServletWebServerFactory {

    @Override
    public WebServer getWebServer(ServletContextInitializer... initializers) {
        if (getAddress() == null || isLocalhost(getAddress())) {
            List<InetAddress> loopback = Loopback.addresses();
            setAddress(loopback.get(0));
            for (InetAddress other : loopback.subList(1, loopback.size())) {
                addAdditionalConnectors(twin(other));
            }
        }
        return super.getWebServer(initializers);
    }

    private Connector twin(InetAddress address) {
        var twin = new Connector(getProtocol());
        twin.setThrowOnFailure(true);
        customizeConnector(twin);
        ((AbstractProtocol<?>) twin.getProtocolHandler()).setAddress(address);
        if (getPort() == 0) {
            // Tomcat binds the first connector's free port just before this one starts; take the same.
            twin.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    twin.setPort(firstPort(twin));
                }
            });
        }
        return twin;
    }

    private static int firstPort(Connector twin) {
        for (Connector connector : twin.getService().findConnectors()) {
            if (connector != twin) {
                return connector.getLocalPort();
            }
        }
        throw new IllegalStateException("no first HTTP connector to share a port with");
    }

    /**
     * Whether the address was configured by the name localhost. {@link InetAddress#toString()} shows the name it was
     * resolved from, and unlike {@link InetAddress#getHostName()} never asks DNS for one.
     */
    private static boolean isLocalhost(InetAddress address) {
        return address.toString().toLowerCase(Locale.ROOT).startsWith(Loopback.LOCALHOST + "/");
    }

    /** Where a running web server listens, such as {@code 127.0.0.1:8080 [::1]:8080}; {@code *} is every address. */
    static List<String> addresses(WebServer server) {
        List<String> addresses = new ArrayList<>();
        if (server instanceof TomcatWebServer tomcat) {
            for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
                InetAddress address = connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol
                        ? protocol.getAddress()
                        : null;
                addresses.add(
                        address == null
                                ? "*:" + connector.getLocalPort()
                                : Loopback.withPort(address, connector.getLocalPort()));
            }
        } else {
            addresses.add("port " + server.getPort());
        }
        return addresses;
    }
}
