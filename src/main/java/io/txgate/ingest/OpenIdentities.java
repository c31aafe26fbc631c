package io.txgate.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open ingest connections per client certificate subject (mutual TLS), for the status page. Not a meter on purpose:
 * one series per terminal would be thousands of series for Prometheus. Connections without a client certificate are
 * not counted here. Counted once the handshake is done, until the connection ends.
 */
public final class OpenIdentities {

    /** One client identity and its open connections. */
    public record Identity(String subject, int connections) {}

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    void opened(String subject) {
        open.merge(subject, 1, Integer::sum);
    }

    void closed(String subject) {
        open.computeIfPresent(subject, (key, connections) -> connections <= 1 ? null : connections - 1);
    }

    /** The {@code limit} identities with the most open connections, most first. */
    public List<Identity> busiest(int limit) {
        var identities = new ArrayList<Identity>();
        open.forEach((subject, connections) -> identities.add(new Identity(subject, connections)));
        identities.sort(
                Comparator.comparingInt(Identity::connections).reversed().thenComparing(Identity::subject));
        return identities.size() > limit ? List.copyOf(identities.subList(0, limit)) : identities;
    }

    /** Identities with at least one open connection. */
    public int count() {
        return open.size();
    }
}
