package io.txgate.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.TxgateApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** A client-only application started by a test, as {@code java -jar txgate.jar --spring.profiles.active=client}. */
final class RunningClient implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final RecordingExit exit;

    private RunningClient(ConfigurableApplicationContext context, RecordingExit exit) {
        this.context = context;
        this.exit = exit;
    }

    /** Starts a client whose outbox lives in {@code dir}; {@code settings} are extra {@code key=value} arguments. */
    static RunningClient start(Path dir, int serverPort, String... settings) {
        var exit = new RecordingExit();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("txgate.client.host", "127.0.0.1");
        args.put("txgate.client.port", String.valueOf(serverPort));
        args.put("txgate.client.outbox-path", dir.resolve("outbox.db").toString());
        args.put("txgate.client.interval", "50ms");
        args.put("txgate.client.backoff-initial", "50ms");
        args.put("txgate.client.backoff-max", "400ms");
        args.put("txgate.store.path", dir.resolve("server-must-not-exist.db").toString());
        args.put("server.port", "0");
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            args.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TxgateApplication.class)
                .profiles("client")
                .initializers(app -> ((GenericApplicationContext) app)
                        .registerBean("recordingExit", ClientExit.class, () -> exit, bean -> bean.setPrimary(true)))
                .run(args.entrySet().stream()
                        .map(arg -> "--" + arg.getKey() + "=" + arg.getValue())
                        .toArray(String[]::new));
        return new RunningClient(context, exit);
    }

    RecordingExit exit() {
        return exit;
    }

    Outbox outbox() {
        return context.getBean(Outbox.class);
    }

    double counter(String name, String... tags) {
        var counter = context.getBean(MeterRegistry.class).find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
