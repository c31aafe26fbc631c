package io.txgate.client;

import io.txgate.support.FreePort;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings for a test context that runs the server and client profiles together. */
final class ClientAndServerInOneProcess {

    private ClientAndServerInOneProcess() {}

    /**
     * The client must know the server's port before either starts, so both get the same free port; the server's
     * database and the client's outbox live in {@code dataDir}.
     */
    static void register(DynamicPropertyRegistry registry, Path dataDir) {
        int port = FreePort.find();
        registry.add("txgate.server.port", () -> port);
        registry.add("txgate.client.port", () -> port);
        registry.add("txgate.store.path", () -> dataDir.resolve("txgate.db").toString());
        registry.add(
                "txgate.client.outbox-path",
                () -> dataDir.resolve("client-outbox.db").toString());
    }
}
