package io.txgate.ingest;

/**
 * What the connections tell the status page (io.txgate.status) beyond the meters: the last rejections, and the open
 * connections per client certificate. One bean, handed to every connection.
 */
public record ConnectionActivity(RecentRejections rejections, OpenIdentities identities) {

    public ConnectionActivity() {
        this(new RecentRejections(), new OpenIdentities());
    }
}
