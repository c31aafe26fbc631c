package io.txgate.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

/** Logs every TCP connection's open and close at DEBUG, with its connection id (as the rejection lines use). */
class ConnectionLog {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLog.class);

    @EventListener
    void opened(TcpConnectionOpenEvent event) {
        log.debug("connection opened: {} ({})", event.getConnectionId(), event.getConnectionFactoryName());
    }

    @EventListener
    void closed(TcpConnectionCloseEvent event) {
        log.debug("connection closed: {} ({})", event.getConnectionId(), event.getConnectionFactoryName());
    }
}
