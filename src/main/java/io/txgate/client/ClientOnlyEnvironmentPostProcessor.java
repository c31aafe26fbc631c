package io.txgate.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Shapes a client-only process (profile {@code client} without {@code server}): it
 * must not open, create or migrate the server's database, and its HTTP port must not collide with a server on the
 * same host.
 *
 * <ul>
 *   <li>The DataSource, JPA, Spring Data JPA and Flyway auto-configurations are excluded (added to any exclusions
 *       already configured).
 *   <li>{@code server.port} defaults to 8081 when nothing else sets it, so any explicit setting still wins.
 * </ul>
 *
 * With {@code server,client} (the demo) nothing changes: one process, one database, HTTP on 8080. Registered in
 * {@code META-INF/spring.factories}; it runs after the config data post-processor, so profiles activated in
 * application.yml or on the command line are known here.
 */
class ClientOnlyEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String CLIENT_ONLY_EXCLUSIONS = "txgateClientOnlyExclusions";
    static final String CLIENT_ONLY_DEFAULTS = "txgateClientOnlyDefaults";
    static final String CLIENT_HTTP_PORT = "8081";

    static final List<String> SERVER_DATABASE_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    /** Processes that only talk to a server over TCP. */
    static final String CLIENT_ONLY = "(client | feed) & !server";

    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(CLIENT_ONLY))) {
            return;
        }
        Set<String> exclusions = new LinkedHashSet<>(Binder.get(environment)
                .bind(EXCLUDE, Bindable.listOf(String.class))
                .orElse(List.of()));
        exclusions.addAll(SERVER_DATABASE_AUTO_CONFIGURATIONS);
        // First place: a list property is taken whole from the first source that has it, so ours must hold them all.
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        CLIENT_ONLY_EXCLUSIONS, Map.of(EXCLUDE, String.join(",", new ArrayList<>(exclusions)))));
        // Only when nothing sets it: checked here rather than left to precedence, because Boot moves the application's
        // default properties behind every source added now, and they should win over this default too.
        if (!environment.containsProperty("server.port")) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(CLIENT_ONLY_DEFAULTS, Map.of("server.port", CLIENT_HTTP_PORT)));
        }
    }
}
