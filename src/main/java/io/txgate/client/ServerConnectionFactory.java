package io.txgate.client;

import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * Connections to one server, made as {@link ClientConnection}s, telling the switch log whether the server could be
 * reached.
 */
final class ServerConnectionFactory extends TcpNetClientConnectionFactory {

    private final ServerAddress server;
    private final ServerSwitchLog switches;

    ServerConnectionFactory(ServerAddress server, ServerSwitchLog switches) {
        super(server.host(), server.port());
        this.server = server;
        this.switches = switches;
        setTcpNetConnectionSupport((socket, isServer, lookupHost, events, factoryName) ->
                new ClientConnection(socket, lookupHost, events, factoryName, server, switches));
    }

    @Override
    protected TcpConnectionSupport obtainConnection() throws InterruptedException {
        TcpConnectionSupport connection;
        try {
            connection = super.obtainConnection();
        } catch (RuntimeException e) {
            switches.failed(server, e);
            throw e;
        }
        switches.connected(server);
        return connection;
    }
}
