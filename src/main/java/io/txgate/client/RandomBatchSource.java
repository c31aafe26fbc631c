package io.txgate.client;

import io.txgate.protocol.Batch;
import io.txgate.protocol.Transaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes random but valid batches, as the terminals of the seed demo would send them, each with a fresh unguessable
 * batchId from {@link BatchIds}.
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

    private final BatchIds batchIds;
    private final int batchSize;
    private final RandomGenerator random;
    private final Clock clock;

    /**
     * @param random the source of transaction content only; batchIds take their randomness from {@code batchIds}
     */
    RandomBatchSource(BatchIds batchIds, int batchSize, RandomGenerator random, Clock clock) {
        this.batchIds = batchIds;
        this.batchSize = batchSize;
        this.random = random;
        this.clock = clock;
    }

    Batch next() {
        String batchId = batchIds.next();
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
