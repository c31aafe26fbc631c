package io.txgate;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops {@code java -jar txgate.jar} at once when no mode is chosen, with a message that lists the modes.
 *
 * <p>Without it a process with no profile started the store alone: it created and migrated {@code data/txgate.db},
 * opened the HTTP port and had no ingest port, silently. Guessing a mode (the server) was the alternative; stopping
 * was chosen because the jar has three roles, each with its own ports, files and lifetime, and a wrong guess is
 * worse than a one-line fix: a terminal meant to run the client would instead create a database and listen on
 * 0.0.0.0, and a profile name with a typo would start a server instead of saying so. Under systemd the unit fails
 * visibly rather than running the wrong role.
 *
 * <p>The check runs once the settings are read (profiles may come from a config file or {@code
 * SPRING_PROFILES_ACTIVE}) and before anything is created, so no database is touched. It is added in {@link
 * TxgateApplication#main} only: tests start store-only contexts without a mode on purpose.
 */
final class ModeCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The profiles that make the process do something; {@code postgres} only changes where the store is. */
    static final List<String> MODES = List.of("server", "client", "migrate-sqlite", "feed");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        List<String> active = Arrays.asList(environment.getActiveProfiles());
        if (active.stream().anyMatch(MODES::contains)) {
            return;
        }
        throw new FailureAnalyzedException(
                "txgate has no mode to run in: no profile is active that says what to do (active profiles: "
                        + (active.isEmpty() ? "none" : String.join(", ", active)) + ").",
                """
                Choose a mode with spring.profiles.active (--spring.profiles.active=... or SPRING_PROFILES_ACTIVE):
                  server                    the ingest server: TCP port 9400 for batches, HTTP 8080 for the read API
                  client                    a terminal sending generated batches to a server (txgate.client.host)
                  server,client             the demo: both in one process
                  postgres,migrate-sqlite   copy an SQLite store into PostgreSQL (txgate.migrate.from), then exit
                  feed                      follow a server's change feed into a file (txgate.feed.url, .output)
                Add postgres to server for the PostgreSQL store. For example:
                  java -jar txgate.jar --spring.profiles.active=server""");
    }
}
