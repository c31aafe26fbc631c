package io.txgate.client;

import io.txgate.protocol.Batch;
import io.txgate.protocol.Transaction;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Makes random but valid batches, as the terminals of the seed demo would send them.
 *
 * <p>BatchIds are {@code <prefix>-<start-epoch-millis>-<seq>}: the prefix (host name and process id by default) tells
 * client processes apart, the start time tells runs of the same process apart, and the sequence tells batches of one
 * run apart. So a restarted client never reuses a batchId still in the outbox or already stored, which the server
 * would answer with CONFLICT.
 */
class RandomBatchSource {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "SEK", "PLN", "JPY");

    // Mixed scripts, quotes, a backslash and emoji: what the store must keep verbatim.
    private static final List<String> DESCRIPTIONS = List.of(
            "coffee",
            "groceries",
            "Café crème",
            "Bücher & Zeitschriften",
            "Ölwechsel, Öffnungszeiten",
            "naïve piñata",
            "寿司 dinner",
            "Поездка на такси",
            "🚕 taxi to the airport",
            "refund \"double charge\"",
            "O'Brien's pub",
            "C:\\receipts\\2026");

    private static final int FIRST_ACCOUNT = 1001;
    private static final int ACCOUNTS = 50;

    private final String runPrefix;
    private final int batchSize;
    private final RandomGenerator random;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    RandomBatchSource(String prefix, int batchSize, RandomGenerator random, Clock clock) {
        this.runPrefix = prefix + "-" + clock.millis();
        this.batchSize = batchSize;
        this.random = random;
        this.clock = clock;
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
        // 32 + "-" + 13 digits of epoch millis + "-" + up to 17 digits of sequence stays within the 64-char limit.
        return prefix.length() <= 32 ? prefix : prefix.substring(prefix.length() - 32);
    }

    Batch next() {
        String batchId = String.format(Locale.ROOT, "%s-%06d", runPrefix, sequence.incrementAndGet());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var transactions = new ArrayList<Transaction>(batchSize);
        for (int i = 1; i <= batchSize; i++) {
            transactions.add(new Transaction(
                    "t" + i,
                    "ACC-" + (FIRST_ACCOUNT + random.nextInt(ACCOUNTS)),
                    amount(),
                    CURRENCIES.get(random.nextInt(CURRENCIES.size())),
                    now,
                    // Some transactions have no description: the field is optional.
                    random.nextInt(8) == 0 ? null : DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size()))));
        }
        return new Batch(batchId, transactions);
    }

    /** 0.01 to 9999.99, one in ten negative (a refund); always exactly two decimals. */
    private BigDecimal amount() {
        long cents = 1 + random.nextLong(999_999);
        if (random.nextInt(10) == 0) {
            cents = -cents;
        }
        return BigDecimal.valueOf(cents, 2);
    }
}
