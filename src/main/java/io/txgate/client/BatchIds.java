package io.txgate.client;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The client's batchIds: {@code <prefix>-<UUIDv7>}, such as {@code vm-4711-019ab3c4-5e6f-7a1b-9c2d-3e4f5a6b7c8d}.
 *
 * <p>A batchId is the idempotency key, so whoever can guess a client's next one can send junk under it first, and
 * the real batch is then refused as CONFLICT. The UUIDv7 (RFC 9562) carries 74 bits from {@link SecureRandom}, so
 * knowing any number of ids tells nothing about the next, and ids stay unique across restarts and between clients
 * without any state. Its first 48 bits are the creation time in milliseconds, so ids sort roughly by age, in the
 * outbox and in the server's batchId index alike (new keys land at the end instead of all over the index).
 *
 * <p>The prefix is only for people reading logs: it tells client processes apart.
 */
final class BatchIds {

    /** Characters of the UUID text: 32 hex digits and 4 hyphens. */
    static final int UUID_LENGTH = 36;

    /** Longest prefix with which {@code prefix-uuid} stays within PROTOCOL.md's 64 characters. */
    static final int MAX_PREFIX = 64 - 1 - UUID_LENGTH;

    private final String prefix;
    private final SecureRandom random;
    private final Clock clock;

    BatchIds(String prefix, SecureRandom random, Clock clock) {
        if (prefix.isEmpty() || prefix.length() > MAX_PREFIX) {
            throw new IllegalArgumentException(
                    "batchId prefix must be 1-" + MAX_PREFIX + " characters, was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.random = random;
        this.clock = clock;
    }

    /** The next batchId; safe to call from several threads. */
    String next() {
        return prefix + "-" + uuidV7(clock.millis(), random);
    }

    /** RFC 9562 section 5.7: 48 bits of Unix milliseconds, version 7, 12 random bits, variant 10, 62 random bits. */
    static UUID uuidV7(long unixMillis, SecureRandom random) {
        long randomHigh = random.nextLong();
        long randomLow = random.nextLong();
        long mostSignificant = (unixMillis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long leastSignificant = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** The prefix of this process when none is configured: host name and process id, cut to the allowed characters. */
    static String defaultPrefix() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "client";
        }
        String prefix = host.replaceAll("[^A-Za-z0-9._:-]", "_") + "-"
                + ManagementFactory.getRuntimeMXBean().getPid();
        // Keeps the end: the process id tells two clients on one host apart.
        return prefix.length() <= MAX_PREFIX ? prefix : prefix.substring(prefix.length() - MAX_PREFIX);
    }
}
