package io.txgate.ingest;

import java.time.Duration;

/**
 * The limits every ingest connection is held to, from {@link IngestProperties} and {@link IngestTlsProperties}.
 *
 * @param maxConnections open connections at most
 * @param maxConnectionsPerAddress open connections from one source address at most
 * @param frameTimeout a frame must be complete this long after its first byte
 * @param handshakeTimeout the whole TLS handshake, from accept on, must be done within this
 * @param idleTimeout longest time without a valid batch
 * @param writeTimeout longest a reply may wait for the client to read
 * @param rejectedFramesTimeout longest run of only rejected frames
 * @param bufferWait longest wait for room in the memory budget
 * @param maxFrameBytes largest frame body; longer frames are skipped and rejected
 */
record ConnectionLimits(
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration frameTimeout,
        Duration handshakeTimeout,
        Duration idleTimeout,
        Duration writeTimeout,
        Duration rejectedFramesTimeout,
        Duration bufferWait,
        int maxFrameBytes) {

    static ConnectionLimits of(IngestProperties server, IngestTlsProperties tls) {
        return new ConnectionLimits(
                server.maxConnections(),
                server.maxConnectionsPerAddress(),
                server.frameTimeout(),
                tls.handshakeTimeout(),
                server.idleTimeout(),
                server.writeTimeout(),
                server.rejectedFramesTimeout(),
                server.bufferWait(),
                server.maxFrameBytes());
    }

    /** How often deadlines are checked: a tenth of the shortest one, between 10 ms and 1 s. */
    Duration watchdogTick() {
        long shortest = Math.min(handshakeTimeout.toMillis(), writeTimeout.toMillis());
        return Duration.ofMillis(Math.max(10, Math.min(1000, shortest / 10)));
    }
}
