package io.txgate.ops;

import io.txgate.ingest.IngestListeners;
import io.txgate.store.DatabaseUrls;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Logs one INFO line once the server is ready, saying everything an operator needs to know it is the server they
 * meant to start: where batches go in and whether that takes TLS and client certificates, where HTTP and actuator
 * answer, which database holds the data, and which profiles run. Every address is the one actually bound.
 *
 * <p>The TCP listeners bind on their own threads, so the line waits for both the application being ready and every
 * listener being bound, whichever comes last. The management server's context publishes its web server event to this
 * (parent) context too.
 */
class StartupLog {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);
    private static final String MANAGEMENT = "management";

    private final IngestListeners ingestListeners;
    private final Environment environment;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean logged = new AtomicBoolean();
    private volatile List<String> http;
    private volatile List<String> management;

    StartupLog(IngestListeners ingestListeners, Environment environment) {
        this.ingestListeners = ingestListeners;
        this.environment = environment;
    }

    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        List<String> addresses = LoopbackTomcatServletWebServerFactory.addresses(event.getWebServer());
        if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
            management = addresses;
        } else {
            http = addresses;
        }
    }

    @EventListener
    void applicationReady(ApplicationReadyEvent event) {
        ready.set(true);
        logOnceAllBound();
    }

    @EventListener
    void tcpListening(TcpConnectionServerListeningEvent event) {
        if (ingestListeners.owns(event.getSource())) {
            logOnceAllBound();
        }
    }

    private void logOnceAllBound() {
        if (ready.get() && ingestListeners.isListening() && logged.compareAndSet(false, true)) {
            log.info(
                    "txgate ready: ingest {} ({}); HTTP {}; management {}; store {}; profiles {}",
                    String.join(" ", ingestListeners.addresses()),
                    ingestListeners.security(),
                    http == null ? "off" : String.join(" ", http),
                    management == null ? (http == null ? "off" : "on the HTTP port") : String.join(" ", management),
                    DatabaseUrls.withoutParameters(environment.getProperty("spring.datasource.url")),
                    String.join(",", environment.getActiveProfiles()));
        }
    }
}
