package io.txgate.support;

import static org.awaitility.Awaitility.await;

import io.txgate.TxgateApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** Whole txgate servers started in the test's JVM, for tests that need more than one. */
public final class TestServers {

    private TestServers() {}

    /** A server on free ports with the PostgreSQL store in {@code schema} and the {@link TestTokens}. */
    public static ConfigurableApplicationContext startOnPostgres(String schema, String... moreArgs) {
        var args = new ArrayList<>(List.of(
                "--txgate.server.port=0",
                "--txgate.server.bind-address=127.0.0.1",
                "--server.port=0",
                "--management.server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + TestPostgres.urlFor(schema),
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD));
        args.addAll(TestTokens.arguments());
        args.addAll(List.of(moreArgs));
        return new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("server", "postgres")
                .run(args.toArray(String[]::new));
    }

    /** The server's ingest port, once it listens. */
    public static int ingestPort(ConfigurableApplicationContext server) {
        var factory = server.getBean(AbstractServerConnectionFactory.class);
        await().atMost(Duration.ofSeconds(30)).until(factory::isListening);
        return factory.getPort();
    }
}
