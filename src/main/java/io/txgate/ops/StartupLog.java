package io.txgate.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Logs one INFO line once the server is ready: where batches go in (TCP), where HTTP answers, and which database
 * holds the data. The TCP socket binds on its own thread, so the line waits for both the application being ready and
 * the port being bound, whichever comes last.
 */
class StartupLog {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final AbstractServerConnectionFactory ingestConnectionFactory;
    private final String bindAddress;
    private final Environment environment;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final AtomicBoolean logged = new AtomicBoolean();

    StartupLog(AbstractServerConnectionFactory ingestConnectionFactory, String bindAddress, Environment environment) {
        this.ingestConnectionFactory = ingestConnectionFactory;
        this.bindAddress = bindAddress;
        this.environment = environment;
    }

    @EventListener
    void applicationReady(ApplicationReadyEvent event) {
        ready.set(true);
        logOnceBoth();
    }

    @EventListener
    void tcpListening(TcpConnectionServerListeningEvent event) {
        if (event.getSource() == ingestConnectionFactory) {
            listening.set(true);
            logOnceBoth();
        }
    }

    private void logOnceBoth() {
        if (ready.get()
                && (listening.get() || ingestConnectionFactory.isListening())
                && logged.compareAndSet(false, true)) {
            log.info(
                    "txgate ready: TCP {}:{}, HTTP {}, database {}",
                    bindAddress,
                    ingestConnectionFactory.getPort(),
                    http(),
                    StoreHealthIndicator.withoutParameters(environment.getProperty("spring.datasource.url")));
        }
    }

    private String http() {
        String address = environment.getProperty("server.address", "0.0.0.0");
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String management = environment.getProperty("local.management.port");
        if (management == null || management.equals(port)) {
            return address + ":" + port;
        }
        return address + ":" + port + " (management " + environment.getProperty("management.server.address", address)
                + ":" + management + ")";
    }
}
